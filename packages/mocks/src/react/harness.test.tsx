// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { useApi, useRealtime, useSession, MemoryRouter } from '@simplebank/platform';
import { useQuery } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockContext, server } from '../node.ts';
import { createHarnessServices, PlatformHarness } from './harness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  mockContext.reset();
});
afterAll(() => server.close());

function Probe() {
  const api = useApi();
  const { user } = useSession();
  const [tick, setTick] = useState('none');
  useRealtime<{ price: string }>('prices', (message) => setTick(message.price));
  const accounts = useQuery({
    queryKey: ['probe'],
    queryFn: async () => (await api.GET('/api/portfolio')).data?.accounts ?? [],
  });
  return (
    <p>
      {user.displayName}: {accounts.data?.map((account) => account.name).join(', ') ?? 'loading'}; tick {tick}
    </p>
  );
}

describe('PlatformHarness', () => {
  it('gives a fragment a session, an API client that reaches the mocks, and memory realtime', async () => {
    const services = createHarnessServices({ user: 'alice', baseUrl: window.location.origin });
    render(
      <MemoryRouter>
        <PlatformHarness services={services}>
          <Probe />
        </PlatformHarness>
      </MemoryRouter>,
    );
    expect(await screen.findByText(/Everyday investing, Retirement/)).toHaveTextContent('Alice Martin');
    act(() => services.realtime.publish('prices', { price: '1.23' }));
    expect(screen.getByText(/tick 1\.23/)).toBeInTheDocument();
  });
});
