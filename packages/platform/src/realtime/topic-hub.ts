import type { ConnectionState, RealtimeHandler } from './types.ts';

/**
 * The bookkeeping both realtime clients share: handlers per topic and the connection state with
 * its listeners. It tells its owner when a topic gains its first or loses its last handler, which
 * is when the server must be asked to join or leave the topic.
 */
export class TopicHub {
  private readonly handlers = new Map<string, Set<RealtimeHandler>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private current: ConnectionState;

  constructor(
    initial: ConnectionState,
    private readonly onFirst: (topic: string) => void = () => {},
    private readonly onLast: (topic: string) => void = () => {},
  ) {
    this.current = initial;
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }

  subscribe(topic: string, handler: RealtimeHandler): () => void {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      this.onFirst(topic);
    }
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry: RealtimeHandler = (message) => handler(message);
    set.add(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(entry);
      if (set.size === 0 && this.handlers.get(topic) === set) {
        this.handlers.delete(topic);
        this.onLast(topic);
      }
    };
  }

  dispatch(topic: string, message: unknown): void {
    for (const handler of [...(this.handlers.get(topic) ?? [])]) {
      try {
        handler(message);
      } catch (error) {
        // A throwing handler in one fragment must not starve the others of the message.
        console.error(`[platform] realtime handler for "${topic}" failed`, error);
      }
    }
  }

  state(): ConnectionState {
    return this.current;
  }

  setState(next: ConnectionState): void {
    if (next === this.current) return;
    this.current = next;
    for (const cb of [...this.stateListeners]) cb(next);
  }

  onState(cb: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(cb);
    return () => {
      this.stateListeners.delete(cb);
    };
  }

  clear(): void {
    this.handlers.clear();
    this.stateListeners.clear();
  }
}
