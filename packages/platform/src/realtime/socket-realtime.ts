import { io, type Socket } from 'socket.io-client';
import { TopicHub } from './topic-hub.ts';
import type { RealtimeClient } from './types.ts';

export const REALTIME_PATH = '/realtime';

export interface SocketRealtimeOptions {
  /** The BFF's origin; defaults to the page's own (the BFF serves the shell). */
  url?: string;
  path?: string;
  /** Injected by tests; defaults to socket.io-client's `io`. */
  connect?: (url: string | undefined, opts: Parameters<typeof io>[1]) => Socket;
}

/**
 * The realtime connection to the BFF. Wire protocol (docs/CONTRACTS.md, "Realtime"): the client
 * emits `subscribe` / `unsubscribe` with a topic name; the server emits each message as an event
 * named after its topic. Subscriptions are sent again after every (re)connect, because a new
 * server-side socket starts with no rooms.
 */
export function createSocketRealtime(opts: SocketRealtimeOptions = {}): RealtimeClient {
  const connect = opts.connect ?? io;
  const socket = connect(opts.url, {
    path: opts.path ?? REALTIME_PATH,
    withCredentials: true,
    // Straight to websocket: the BFF may run several instances and polling would need sticky sessions.
    transports: ['websocket'],
  });

  const hub = new TopicHub(
    socket.connected ? 'connected' : 'connecting',
    (topic) => {
      if (socket.connected) socket.emit('subscribe', topic);
    },
    (topic) => {
      if (socket.connected) socket.emit('unsubscribe', topic);
    },
  );

  socket.on('connect', () => {
    for (const topic of hub.topics()) socket.emit('subscribe', topic);
    hub.setState('connected');
  });
  socket.on('disconnect', () => hub.setState('disconnected'));
  socket.on('connect_error', () => hub.setState('disconnected'));
  socket.io.on('reconnect_attempt', () => hub.setState('connecting'));
  socket.onAny((event: string, message: unknown) => hub.dispatch(event, message));

  return {
    subscribe: (topic, handler) => hub.subscribe(topic, handler),
    state: () => hub.state(),
    onState: (cb) => hub.onState(cb),
    close() {
      socket.offAny();
      socket.close();
      hub.setState('disconnected');
      hub.clear();
    },
  };
}
