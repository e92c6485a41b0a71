import { act, render, screen } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client.ts';
import { createEventChannel } from './events.ts';
import { createStaticFlags } from './flags.ts';
import { LIVE_UPDATES_PAUSED, pollingDelay, useLiveQueryOptions } from './live-query.ts';
import { PlatformProvider } from './PlatformProvider.tsx';
import { createQueryClient } from './query-client.ts';
import { createMemoryRealtime } from './realtime/memory-realtime.ts';
import type { ConnectionState } from './realtime/types.ts';

describe('pollingDelay', () => {
  it.each([
    [0, 2_000],
    [29_999, 2_000],
    [30_000, 3_000],
    [59_999, 3_000],
    [60_000, 4_000],
    [60 * 60_000, 4_000],
    [-5, 2_000],
  ])('after %i ms offline polls every %i ms', (offlineFor, delay) => {
    expect(pollingDelay(offlineFor)).toBe(delay);
  });

  it('says the paused state in words', () => {
    expect(LIVE_UPDATES_PAUSED).toBe('Live updates paused — refreshing every few seconds');
  });
});

describe('useLiveQueryOptions', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  /** A live view whose server answers how many times it was asked; records when it was asked. */
  function renderLiveView(initial: ConnectionState) {
    const realtime = createMemoryRealtime(initial);
    const askedAt: number[] = [];
    function LiveView() {
      const live = useLiveQueryOptions();
      const query = useQuery({
        queryKey: ['live'],
        queryFn: async () => {
          askedAt.push(Date.now());
          return askedAt.length;
        },
        ...live,
      });
      return <p>Answers: {query.data ?? 'none'}</p>;
    }
    render(
      <PlatformProvider
        session={null}
        api={createApiClient({ fetch: vi.fn() })}
        queryClient={createQueryClient()}
        realtime={realtime}
        flags={createStaticFlags()}
        events={createEventChannel()}
        navigate={vi.fn()}
      >
        <LiveView />
      </PlatformProvider>,
    );
    return { realtime, askedAt };
  }

  const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
  /** TanStack Query tells React about an answer on a zero-delay timer: let it run. */
  const rendered = () => advance(1);
  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

  it('does not poll while pushes arrive', async () => {
    const { askedAt } = renderLiveView('connected');
    await advance(60_000);
    expect(askedAt).toHaveLength(1);
    expect(screen.getByText('Answers: 1')).toBeInTheDocument();
  });

  it('polls every 2 s once the connection drops, shows each answer, and stops when it is back', async () => {
    const { realtime, askedAt } = renderLiveView('connected');
    await advance(0);
    act(() => realtime.setState('disconnected'));
    await advance(2_000);
    expect(askedAt).toHaveLength(2);
    await rendered();
    expect(screen.getByText('Answers: 2')).toBeInTheDocument();
    // Reconnection attempts flip the state between the two offline states: polling goes on.
    act(() => realtime.setState('connecting'));
    await advance(1_999);
    expect(askedAt).toHaveLength(3);
    await rendered();
    expect(screen.getByText('Answers: 3')).toBeInTheDocument();

    act(() => realtime.setState('connected'));
    await advance(60_000);
    expect(askedAt).toHaveLength(3);
  });

  it('backs off to 3 s after 30 s offline and to 4 s after a minute, never slower', async () => {
    const { realtime, askedAt } = renderLiveView('connected');
    await advance(0);
    const droppedAt = Date.now();
    act(() => realtime.setState('disconnected'));
    await advance(120_000);
    const offlineFor = askedAt.slice(1).map((t) => t - droppedAt);
    const delays = gaps([droppedAt, ...askedAt.slice(1)]);
    // Each delay is the one for how long the page had been offline when the previous answer came.
    delays.forEach((delay, i) => expect(delay).toBe(pollingDelay(i === 0 ? 0 : offlineFor[i - 1]!)));
    expect(new Set(delays)).toEqual(new Set([2_000, 3_000, 4_000]));
  });

  it('polls from the start when the page never got a connection', async () => {
    const { askedAt } = renderLiveView('connecting');
    await advance(4_000);
    expect(gaps(askedAt)).toEqual([2_000, 2_000]);
  });
});
