/**
 * The events fragments may send each other through the shell. Add an entry here (a contract
 * change, minor version) rather than inventing ad-hoc strings.
 */
export interface PlatformEvents {
  /** An order was accepted by the BFF (orders fragment → anyone showing cash or holdings). */
  'order.placed': { orderId: string; accountId: string };
  /** A strategy investment was requested (strategies fragment → orders fragment's lists). */
  'investment.requested': { investmentId: string; strategyId: string; accountId: string };
  /** A message for the user that the shell shows whatever fragment is mounted. */
  notify: { message: string; tone: 'info' | 'success' | 'error' };
}

export type PlatformEventHandler<K extends keyof PlatformEvents> = (payload: PlatformEvents[K]) => void;

export interface EventChannel {
  emit<K extends keyof PlatformEvents>(type: K, payload: PlatformEvents[K]): void;
  on<K extends keyof PlatformEvents>(type: K, handler: PlatformEventHandler<K>): () => void;
}

export function createEventChannel(): EventChannel {
  const handlers = new Map<keyof PlatformEvents, Set<(payload: never) => void>>();
  return {
    emit(type, payload) {
      // Copy so a handler that unsubscribes while running does not skip its neighbours.
      for (const handler of [...(handlers.get(type) ?? [])]) {
        try {
          (handler as PlatformEventHandler<typeof type>)(payload);
        } catch (error) {
          // One fragment's broken listener must not stop the others from hearing the event.
          console.error(`[platform] handler for "${type}" failed`, error);
        }
      }
    },
    on(type, handler) {
      let set = handlers.get(type);
      if (!set) handlers.set(type, (set = new Set()));
      set.add(handler as (payload: never) => void);
      return () => {
        set.delete(handler as (payload: never) => void);
      };
    },
  };
}
