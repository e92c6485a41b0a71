import { buildOrder } from '@simplebank/mocks/node';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OrderTimeline } from './OrderTimeline.tsx';

describe('OrderTimeline', () => {
  it('tells the fill apart from the placement, both of which leave the order placed', () => {
    const order = buildOrder({
      id: 'o-1',
      accountId: 'acc-alice-1',
      assetId: 'ACME',
      status: 'completed',
      steps: [
        { status: 'pending', step: 'created', at: '2026-01-01T10:00:00.000Z' },
        { status: 'placed', step: 'placed', at: '2026-01-01T10:00:01.000Z' },
        { status: 'placed', step: 'executed', at: '2026-01-01T10:00:02.000Z' },
        { status: 'completed', step: 'completed', at: '2026-01-01T10:00:03.000Z' },
      ],
    });
    render(<OrderTimeline order={order} label="Steps of o-1" />);
    const entries = within(screen.getByRole('list', { name: 'Steps of o-1' })).getAllByRole('listitem');
    expect(entries).toHaveLength(4);
    expect(entries[1]).not.toHaveTextContent('filled at the market');
    expect(entries[2]).toHaveTextContent('filled at the market');
  });
});
