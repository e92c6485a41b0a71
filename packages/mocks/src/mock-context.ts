import { createMockDb, type MockDb } from './db.ts';
import type { MockContext } from './context.ts';
import { users, type DemoUser } from './fixtures/users.ts';
import type { Publisher } from './types.ts';

export interface MockOptions {
  /** Who is logged in (default alice); null for a logged-out visitor. */
  user?: DemoUser | null;
  db?: MockDb;
  realtime?: Publisher;
  readModelLagMs?: number;
  sagaStepMs?: number;
  latencyMs?: number;
}

export interface ManagedMockContext extends MockContext {
  /** Back to the fixtures and the first user; pending simulated work is dropped. */
  reset(): void;
  setUser(user: DemoUser | null): void;
}

/**
 * A context whose scheduled work can be cancelled: tests reset it between cases so a saga
 * started in one test never changes the data of the next. Work due in 0 ms runs at once, so
 * with no lag the read model is in step with the command (what most tests want).
 */
export function createMockContext(options: MockOptions = {}): ManagedMockContext {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const initialUser = options.user === undefined ? 'alice' : options.user;
  const ctx: ManagedMockContext = {
    db: options.db ?? createMockDb(),
    user: initialUser ? users[initialUser] : null,
    realtime: options.realtime,
    readModelLagMs: options.readModelLagMs ?? 0,
    sagaStepMs: options.sagaStepMs ?? 0,
    latencyMs: options.latencyMs ?? 0,
    schedule(ms, work) {
      if (ms <= 0) return work();
      const timer = setTimeout(() => {
        timers.delete(timer);
        work();
      }, ms);
      timers.add(timer);
    },
    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      ctx.db.reset();
      ctx.user = initialUser ? users[initialUser] : null;
    },
    setUser(user) {
      ctx.user = user ? users[user] : null;
    },
  };
  return ctx;
}
