import type { ServicePrice } from './mapping.ts';

export interface KnownPrice {
  price: string;
  at: string;
  stale: boolean;
}

/**
 * Last known prices, the fallback when the market is down (docs/DOMAIN.md): served for up to five
 * minutes after they were fetched, marked stale; older ones are not served at all.
 */
export class PriceCache {
  private readonly known = new Map<string, { price: string; at: string; fetchedAt: number }>();

  constructor(
    private readonly maxAgeMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  remember(prices: ServicePrice[]): Map<string, KnownPrice> {
    const fetchedAt = this.now();
    const out = new Map<string, KnownPrice>();
    for (const p of prices) {
      this.known.set(p.assetId, { price: p.price, at: p.at, fetchedAt });
      out.set(p.assetId, { price: p.price, at: p.at, stale: false });
    }
    return out;
  }

  /** The fallback: last known prices young enough to serve, or null when there are none. */
  lastKnown(): Map<string, KnownPrice> | null {
    const cutoff = this.now() - this.maxAgeMs;
    const out = new Map<string, KnownPrice>();
    for (const [assetId, p] of this.known)
      if (p.fetchedAt >= cutoff) out.set(assetId, { price: p.price, at: p.at, stale: true });
    return out.size > 0 ? out : null;
  }
}
