import type { Queryable } from '@simplebank/service-kit';

export interface Faults {
  /** Share of orders (0..1) the market rejects when they are sent. */
  failureRate: number;
  /** Added to every quote and to the time an order takes to reach the market. */
  extraLatencyMs: number;
  /** The market answers nothing: quotes 503, orders fail with MARKET_UNAVAILABLE, no ticks. */
  down: boolean;
}

export const noFaults: Faults = { failureRate: 0, extraLatencyMs: 0, down: false };

export function faultsFromEnv(env: NodeJS.ProcessEnv): Partial<Faults> {
  return {
    ...(env.MARKET_FAILURE_RATE ? { failureRate: Number(env.MARKET_FAILURE_RATE) } : {}),
    ...(env.MARKET_EXTRA_LATENCY_MS ? { extraLatencyMs: Number(env.MARKET_EXTRA_LATENCY_MS) } : {}),
    ...(env.MARKET_DOWN ? { down: env.MARKET_DOWN === '1' || env.MARKET_DOWN === 'true' } : {}),
  };
}

type FaultsRow = {
  failure_rate: number;
  extra_latency_ms: number;
  down: boolean;
  version: number;
};

/**
 * The fault settings every instance shares (table `market_faults`, one row). Each instance keeps a
 * live copy (`current`, read on every order and quote) and follows the row: a change made through
 * one instance reaches the others on their next `follow`.
 */
export class SharedFaults {
  readonly current: Faults;
  private version = -1;

  private constructor(
    private readonly db: Queryable,
    initial: Faults,
  ) {
    this.current = { ...initial };
  }

  /**
   * Settings given at start (environment) replace the shared ones; otherwise this instance takes
   * what the others use (no faults on a fresh market).
   */
  static async open(db: Queryable, given: Partial<Faults>): Promise<SharedFaults> {
    const shared = new SharedFaults(db, noFaults);
    await db.query(
      `INSERT INTO market_faults (id, failure_rate, extra_latency_ms, down, version) VALUES (1, $1, $2, $3, 0) ON CONFLICT (id) DO NOTHING`,
      [noFaults.failureRate, noFaults.extraLatencyMs, noFaults.down],
    );
    if (Object.keys(given).length > 0) await shared.change(given);
    else await shared.follow();
    return shared;
  }

  /** Takes the shared row when it changed since last seen (local edits stay until then). */
  async follow(): Promise<Faults> {
    const [row] = await this.db.query<FaultsRow>('SELECT * FROM market_faults WHERE id = 1');
    if (row && Number(row.version) !== this.version) this.apply(row);
    return { ...this.current };
  }

  async change(patch: Partial<Faults>): Promise<Faults> {
    const next = { ...this.current, ...patch };
    const [row] = await this.db.query<FaultsRow>(
      `UPDATE market_faults SET failure_rate = $1, extra_latency_ms = $2, down = $3, version = version + 1 WHERE id = 1 RETURNING *`,
      [next.failureRate, next.extraLatencyMs, next.down],
    );
    this.apply(row!);
    return { ...this.current };
  }

  private apply(row: FaultsRow): void {
    this.version = Number(row.version);
    Object.assign(this.current, {
      failureRate: Number(row.failure_rate),
      extraLatencyMs: Number(row.extra_latency_ms),
      down: row.down,
    });
  }
}
