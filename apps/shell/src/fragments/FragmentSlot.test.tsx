import {
  createEventChannel,
  createMemoryRealtime,
  createQueryClient,
  createStaticFlags,
  PlatformProvider,
  MemoryRouter,
} from '@simplebank/platform';
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FragmentRecord } from '../registry/types.ts';
import { candidate, ordersRecord } from '../test/records.ts';
import { alice, fakeApi } from '../test/render-shell.tsx';
import { FragmentSlot } from './FragmentSlot.tsx';
import { FragmentLoaderContext, type FragmentComponent, type FragmentLoader } from './loader.ts';

function Orders() {
  return <h1>Your orders</h1>;
}

/** A loader answering from a script: 'fail' rejects, anything else resolves that component. */
function scriptedLoader(script: Array<'fail' | FragmentComponent>) {
  const load = vi.fn(async () => {
    const next = script.shift();
    if (!next || next === 'fail') throw new Error('remote unreachable');
    return next;
  });
  return { load } satisfies FragmentLoader;
}

function renderSlot(loader: FragmentLoader, record: FragmentRecord = ordersRecord()) {
  const props = { name: record.name, basename: '/', session: alice, navigate: vi.fn() };
  return render(
    <MemoryRouter>
      <PlatformProvider
        session={alice}
        api={fakeApi({ session: alice, fragments: [] }).api}
        queryClient={createQueryClient()}
        realtime={createMemoryRealtime()}
        flags={createStaticFlags()}
        events={createEventChannel()}
        navigate={vi.fn()}
      >
        <FragmentLoaderContext.Provider value={loader}>
          <FragmentSlot record={record} fragmentProps={props} />
        </FragmentLoaderContext.Provider>
      </PlatformProvider>
    </MemoryRouter>,
  );
}

/** Let timers run and the promises they start settle, inside act. */
async function elapse(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const region = () => screen.getByRole('region', { name: 'Orders fragment' });

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('FragmentSlot', () => {
  it('shows a loading state, then the fragment and the version it loaded', async () => {
    renderSlot(scriptedLoader([Orders]));
    expect(within(region()).getByRole('status')).toHaveTextContent('Loading Orders…');
    await elapse(0);
    expect(within(region()).getByRole('heading', { name: 'Your orders' })).toBeInTheDocument();
    expect(region()).toHaveAttribute('data-fragment-version', '1.0.0-aaaaaaaaaa');
  });

  it('contains a failed remote and retries by itself with growing delays until it comes back', async () => {
    const loader = scriptedLoader(['fail', 'fail', Orders]);
    renderSlot(loader);
    await elapse(0);
    expect(within(region()).getByRole('alert')).toHaveTextContent('Orders is unavailable right now');
    expect(region()).not.toHaveAttribute('data-fragment-version');

    await elapse(999);
    expect(loader.load).toHaveBeenCalledTimes(1);
    await elapse(1);
    expect(loader.load).toHaveBeenCalledTimes(2);
    // A retry must not reuse what the failed attempt cached.
    expect(loader.load).toHaveBeenLastCalledWith(
      'orders',
      expect.objectContaining({ version: '1.0.0-aaaaaaaaaa' }),
      { fresh: true },
    );
    expect(within(region()).getByRole('alert')).toHaveTextContent('Orders is unavailable right now');

    await elapse(1999); // second wait is 2 s
    expect(loader.load).toHaveBeenCalledTimes(2);
    await elapse(1);
    expect(within(region()).getByRole('heading', { name: 'Your orders' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await elapse(60_000); // recovered: no more retries
    expect(loader.load).toHaveBeenCalledTimes(3);
  });

  it('retries at once when the user presses Retry', async () => {
    const loader = scriptedLoader(['fail', Orders]);
    renderSlot(loader);
    await elapse(0);
    await act(async () => {
      within(region()).getByRole('button', { name: 'Retry' }).click();
    });
    await elapse(0);
    expect(within(region()).getByRole('heading', { name: 'Your orders' })).toBeInTheDocument();
    expect(loader.load).toHaveBeenCalledTimes(2);
  });

  it('backs off a fragment that loads but crashes while rendering, capped at 30 s', async () => {
    function Crashing(): never {
      throw new Error('render bug');
    }
    const loader = { load: vi.fn(async () => Crashing as FragmentComponent) };
    renderSlot(loader);
    await elapse(0);
    expect(within(region()).getByRole('alert')).toHaveTextContent('Orders is unavailable right now');
    const waits = [1000, 2000, 4000, 8000, 16000, 30000, 30000];
    for (const [i, wait] of waits.entries()) {
      await elapse(wait - 1);
      expect(loader.load).toHaveBeenCalledTimes(i + 1);
      await elapse(1);
      expect(loader.load).toHaveBeenCalledTimes(i + 2);
    }
    // The page around the fragment is still there.
    expect(region()).toBeInTheDocument();
  });

  it('mounts the newest compatible version and says so when there is none', async () => {
    const loader = scriptedLoader([Orders]);
    const record = ordersRecord({
      candidates: [
        candidate('orders', '2.0.0-cccccccccc', '3.0.0'),
        candidate('orders', '1.3.0-bbbbbbbbbb', '2.1.0'),
      ],
    });
    const { unmount } = renderSlot(loader, record);
    await elapse(0);
    expect(loader.load).toHaveBeenCalledWith(
      'orders',
      expect.objectContaining({ version: '1.3.0-bbbbbbbbbb' }),
      { fresh: false },
    );
    expect(region()).toHaveAttribute('data-fragment-version', '1.3.0-bbbbbbbbbb');
    unmount();

    renderSlot(loader, ordersRecord({ candidates: [candidate('orders', '2.0.0-cccccccccc', '3.0.0')] }));
    expect(within(region()).getByRole('status')).toHaveTextContent(
      'Orders is not available in this version of the app',
    );
  });
});
