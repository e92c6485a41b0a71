import { act, render, screen } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client.ts';
import { createEventChannel } from './events.ts';
import { createStaticFlags } from './flags.ts';
import {
  useConnectionState,
  useEvents,
  useFlag,
  useHasRole,
  useNavigate,
  useRealtime,
  useSession,
} from './hooks.ts';
import { PlatformProvider, type PlatformProviderProps } from './PlatformProvider.tsx';
import { createQueryClient } from './query-client.ts';
import { createMemoryRealtime } from './realtime/memory-realtime.ts';
import type { Session } from './session.ts';
import { useState, type ReactNode } from 'react';

const alice: Session = {
  user: { id: 'u1', username: 'alice', displayName: 'Alice Smith', roles: ['customer'] },
};

function makePlatform(overrides: Partial<PlatformProviderProps> = {}) {
  const realtime = createMemoryRealtime();
  const flags = createStaticFlags({ newTicket: false });
  const events = createEventChannel();
  const navigate = vi.fn();
  const props = {
    session: alice,
    api: createApiClient({ fetch: vi.fn() }),
    queryClient: createQueryClient(),
    realtime,
    flags,
    events,
    navigate,
    ...overrides,
  };
  const wrap = (ui: ReactNode) => render(<PlatformProvider {...props}>{ui}</PlatformProvider>);
  return { ...props, realtime, flags, events, navigate, wrap };
}

function Greeting() {
  const { user } = useSession();
  const isAdmin = useHasRole('admin');
  return (
    <p>
      Hello {user.displayName} ({isAdmin ? 'admin' : 'not admin'})
    </p>
  );
}

describe('PlatformProvider and hooks', () => {
  it('gives fragments the session and roles', () => {
    makePlatform().wrap(<Greeting />);
    expect(screen.getByText('Hello Alice Smith (not admin)')).toBeInTheDocument();
  });

  it('useSession throws outside a provider and when logged out', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Greeting />)).toThrow(/outside <PlatformProvider>/);
    expect(() => makePlatform({ session: null }).wrap(<Greeting />)).toThrow(/logged out/);
    error.mockRestore();
  });

  it('provides the QueryClient to react-query hooks', async () => {
    function Loaded() {
      const query = useQuery({ queryKey: ['answer'], queryFn: async () => 42 });
      return <p>{query.data === undefined ? 'loading' : `answer ${query.data}`}</p>;
    }
    makePlatform().wrap(<Loaded />);
    expect(await screen.findByText('answer 42')).toBeInTheDocument();
  });

  it('useRealtime delivers messages to the latest handler and unsubscribes on unmount', () => {
    function LastOrder() {
      const [last, setLast] = useState('none');
      useRealtime<{ id: string }>('orders', (m) => setLast(m.id));
      return <p>last order {last}</p>;
    }
    const platform = makePlatform();
    const { unmount } = platform.wrap(<LastOrder />);
    act(() => platform.realtime.publish('orders', { id: 'o7', version: 1 }));
    expect(screen.getByText('last order o7')).toBeInTheDocument();
    unmount();
    expect(platform.realtime.topics()).toEqual([]);
  });

  it('useConnectionState follows the connection', () => {
    function Status() {
      return <p role="status">{useConnectionState()}</p>;
    }
    const platform = makePlatform();
    platform.wrap(<Status />);
    expect(screen.getByRole('status')).toHaveTextContent('connected');
    act(() => platform.realtime.setState('disconnected'));
    expect(screen.getByRole('status')).toHaveTextContent('disconnected');
  });

  it('useFlag re-renders when a flag flips', () => {
    function Ticket() {
      return <p>{useFlag('newTicket') ? 'new ticket' : 'old ticket'}</p>;
    }
    const platform = makePlatform();
    platform.wrap(<Ticket />);
    expect(screen.getByText('old ticket')).toBeInTheDocument();
    act(() => platform.flags.set('newTicket', true));
    expect(screen.getByText('new ticket')).toBeInTheDocument();
  });

  it('useNavigate and useEvents reach the shell', () => {
    function Actions() {
      const navigate = useNavigate();
      const events = useEvents();
      return (
        <>
          <button onClick={() => navigate('/orders')}>See orders</button>
          <button onClick={() => events.emit('notify', { message: 'saved', tone: 'success' })}>Notify</button>
        </>
      );
    }
    const platform = makePlatform();
    const heard = vi.fn();
    platform.events.on('notify', heard);
    platform.wrap(<Actions />);
    act(() => screen.getByRole('button', { name: 'See orders' }).click());
    act(() => screen.getByRole('button', { name: 'Notify' }).click());
    expect(platform.navigate).toHaveBeenCalledWith('/orders');
    expect(heard).toHaveBeenCalledWith({ message: 'saved', tone: 'success' });
  });
});
