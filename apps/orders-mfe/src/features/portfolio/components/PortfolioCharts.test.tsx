import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chartRecord } from '../../../test/fake-chart.ts';
import { renderFragment } from '../../../test/render.tsx';

describe('/portfolio charts', () => {
  it('shows the allocation by asset as a chart and as a table, largest first', async () => {
    renderFragment('/portfolio');
    const table = await screen.findByRole('table', { name: 'Allocation by asset' });
    const rows = within(table).getAllByRole('row').slice(1);
    const symbols = rows.map((row) => within(row).getByRole('rowheader').textContent?.split(' ')[0]);
    // Alice's six holdings over two accounts, by value (ABC 25 × 187.42 = $4,685.50 is the largest).
    expect(symbols).toHaveLength(6);
    expect(symbols[0]).toBe('ABC');
    expect(within(rows[0]!).getByRole('cell', { name: '$4,685.50' })).toBeInTheDocument();
    const shares = rows.map((row) =>
      Number(within(row).getAllByRole('cell').at(-1)!.textContent!.replace('%', '')),
    );
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(100, 0);
    // The donut is drawing only; the table carries the figures.
    const allocation = screen.getByRole('region', { name: 'Allocation' });
    // The charting library is loaded on demand, which takes a moment in a test too.
    await waitFor(
      () => expect(allocation.querySelector('.sb-allocation-chart')).toHaveAttribute('aria-hidden', 'true'),
      { timeout: 10_000 },
    );
    // Hidden from assistive technology, so nothing in it may take the keyboard's focus.
    await waitFor(() => expect(allocation.querySelector('.recharts-pie')).not.toBeNull(), {
      timeout: 10_000,
    });
    expect(allocation.querySelectorAll('.sb-allocation-chart [tabindex]:not([tabindex="-1"])')).toHaveLength(
      0,
    );
  });

  it('draws the value of the holdings over time, says it in words, and extends it with pushed prices', async () => {
    const { services } = renderFragment('/portfolio');
    const region = await screen.findByRole('region', { name: 'Value over time' });
    const figure = await within(region).findByRole('figure');
    expect(figure).toHaveAccessibleName(
      /^Value of your current holdings from .* to .*: from \$[\d,.]+ to \$[\d,.]+\./,
    );
    await waitFor(() => expect(chartRecord.data.length).toBeGreaterThan(5));
    const at = new Date(Date.now() + 60_000).toISOString();
    act(() =>
      services.realtime.publish('prices', {
        assetId: 'ast-abc',
        price: '200.00',
        priceTime: at,
        version: 90,
      }),
    );
    await waitFor(() => expect(chartRecord.updates.at(-1)?.time).toBe(Math.floor(Date.parse(at) / 1000)));
    // 25 ABC now at 200.00 instead of 187.42: the value grows by 25 × 12.58 = 314.50.
    expect(chartRecord.updates.at(-1)!.value).toBeGreaterThan(chartRecord.data.at(-1)!.value);
  });
});
