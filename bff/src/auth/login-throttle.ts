import { createClient } from 'redis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';

export interface LoginThrottleSettings {
  /** Failed logins per username (from any address) within the window. */
  maxFailuresPerUser: number;
  /** Failed logins per client address (for any username) within the window. */
  maxFailuresPerAddress: number;
  windowMs: number;
}

export type LoginAttempt = { admitted: true } | { admitted: false; retryAfterMs: number };

type Limiter = RateLimiterAbstract | RateLimiterStoreAbstract;

/**
 * Limits failed logins per username and per client address. The counters live in Redis when
 * `REDIS_URL` is set, so every BFF instance counts against the same budget; in memory otherwise
 * (one instance). A failure is reserved before the password is checked, so a burst of concurrent
 * guesses cannot slip past the limit, and handed back when the login succeeds: only failures count.
 */
export class LoginThrottle {
  private constructor(
    private readonly byUser: Limiter,
    private readonly byAddress: Limiter,
    private readonly redis: ReturnType<typeof createClient> | null,
  ) {}

  static async create(
    settings: LoginThrottleSettings,
    redis: { url: string; prefix: string; onError: (err: Error) => void } | null,
  ): Promise<LoginThrottle> {
    const duration = Math.max(1, Math.ceil(settings.windowMs / 1000));
    const memory = (points: number) => new RateLimiterMemory({ points, duration });
    if (!redis) {
      return new LoginThrottle(
        memory(settings.maxFailuresPerUser),
        memory(settings.maxFailuresPerAddress),
        null,
      );
    }
    const client = createClient({ url: redis.url });
    client.on('error', redis.onError);
    await client.connect();
    const shared = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        keyPrefix: `${redis.prefix}:login-failures:${name}`,
        points,
        duration,
        // While Redis is unreachable each instance counts on its own rather than letting every
        // guess through or refusing every login.
        insuranceLimiter: memory(points),
      });
    return new LoginThrottle(
      shared('user', settings.maxFailuresPerUser),
      shared('address', settings.maxFailuresPerAddress),
      client,
    );
  }

  /** Reserves one failure for this username and address; refused when either budget is spent. */
  async begin(username: string, address: string): Promise<LoginAttempt> {
    const [user, addr] = await Promise.allSettled([
      this.byUser.consume(username),
      this.byAddress.consume(address),
    ]);
    const refusals = [user, addr].flatMap((r) =>
      r.status === 'rejected' && r.reason instanceof RateLimiterRes ? [r.reason] : [],
    );
    for (const r of [user, addr])
      if (r.status === 'rejected' && !(r.reason instanceof RateLimiterRes)) throw r.reason;
    if (refusals.length === 0) return { admitted: true };
    // A refused attempt checks no password: hand back what it reserved on the other counter.
    if (user.status === 'fulfilled') await this.byUser.reward(username, 1);
    if (addr.status === 'fulfilled') await this.byAddress.reward(address, 1);
    return { admitted: false, retryAfterMs: Math.max(...refusals.map((r) => r.msBeforeNext)) };
  }

  /** A successful login: the address gets its reservation back and the username starts afresh. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.byUser.delete(username), this.byAddress.reward(address, 1)]);
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
