import { delay } from 'msw';
import type { MockDb } from './db.ts';
import type { ErrorResponse, Publisher, SessionUser } from './types.ts';

/** What every handler factory needs: the data, who is logged in, and where pushes go. */
export interface MockContext {
  db: MockDb;
  /** The logged-in user, or null (401). Login and logout in the mocks change it. */
  user: SessionUser | null;
  /** Pushes (standalone mode: the platform's memory realtime). Without one, nothing is pushed. */
  realtime?: Publisher;
  /** How long the orders read model trails the command side (CQRS lag). 0 = in step. */
  readModelLagMs: number;
  /** Time between two saga steps of a simulated order. */
  sagaStepMs: number;
  /** Simulated network time of every response. */
  latencyMs: number;
  /** Schedules simulated work; tests can make it synchronous or use fake timers. */
  schedule(ms: number, work: () => void): void;
}

let requestCounter = 0;

/** The ErrorResponse body of bff.yaml, with a request id as the BFF would add. */
export function errorBody(
  code: string,
  message: string,
  fields?: { field: string; reason: string }[],
): ErrorResponse {
  requestCounter += 1;
  return { error: { code, message, requestId: `mock-${requestCounter}`, ...(fields ? { fields } : {}) } };
}

export const unauthorized = () => errorBody('unauthorized', 'Please log in.');
export const forbidden = () => errorBody('forbidden', 'You are not allowed to do this.');
export const notFound = (what: string) => errorBody('not_found', `${what} was not found.`);

export function isAdmin(user: SessionUser | null): boolean {
  return user?.roles.includes('admin') ?? false;
}

/** Waits the simulated network time (skipped at 0 so tests stay fast). */
export async function networkDelay(ctx: MockContext): Promise<void> {
  if (ctx.latencyMs > 0) await delay(ctx.latencyMs);
}

/** 1-based paging as the BFF does it: `page`, `size` (default 20, at most 100). */
export function paginate<T>(items: T[], pageParam: string | null, sizeParam: string | null) {
  const page = Math.max(1, Number(pageParam ?? 1) || 1);
  const size = Math.min(100, Math.max(1, Number(sizeParam ?? 20) || 20));
  return { items: items.slice((page - 1) * size, page * size), page, size, total: items.length };
}

/** The flags as a user with `roles` sees them: a targeted flag is on only for its roles (as in the BFF). */
export function flagsFor(
  state: Pick<MockDb['state'], 'flags' | 'flagTargeting' | 'flagsVersion'>,
  roles: readonly string[],
): { flags: Record<string, boolean>; version: number } {
  const flags: Record<string, boolean> = {};
  for (const [name, on] of Object.entries(state.flags)) {
    const target = state.flagTargeting[name];
    flags[name] = on && (target === undefined || target.some((role) => roles.includes(role)));
  }
  return { flags, version: state.flagsVersion };
}
