import { TopicHub } from './topic-hub.ts';
import type { ConnectionState, RealtimeClient } from './types.ts';

export interface MemoryRealtime extends RealtimeClient {
  /** Deliver `message` to the topic's subscribers, as the server would. */
  publish(topic: string, message: unknown): void;
  setState(state: ConnectionState): void;
  /** Topics that currently have at least one subscriber (lets tests check clean-up). */
  topics(): string[];
}

/** A realtime client with no network, for tests and the fragments' standalone mode. Starts connected. */
export function createMemoryRealtime(initial: ConnectionState = 'connected'): MemoryRealtime {
  const hub = new TopicHub(initial);
  let closed = false;
  return {
    subscribe: (topic, handler) => hub.subscribe(topic, handler),
    state: () => hub.state(),
    onState: (cb) => hub.onState(cb),
    publish(topic, message) {
      if (!closed) hub.dispatch(topic, message);
    },
    setState: (state) => hub.setState(state),
    topics: () => hub.topics(),
    close() {
      closed = true;
      hub.setState('disconnected');
      hub.clear();
    },
  };
}
