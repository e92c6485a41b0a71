export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export type RealtimeHandler = (message: unknown) => void;

/** The page's one realtime connection, as fragments see it. */
export interface RealtimeClient {
  /** Start receiving `topic`; returns the unsubscribe. */
  subscribe(topic: string, handler: RealtimeHandler): () => void;
  state(): ConnectionState;
  onState(cb: (state: ConnectionState) => void): () => void;
  close(): void;
}
