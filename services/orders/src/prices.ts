import Decimal from 'decimal.js';
import type { AnyEnvelope } from '@simplebank/events';
import type { Database } from '@simplebank/service-kit';

/**
 * The last price of each asset, learnt from PriceTick events: orders estimates reservations and
 * fees with it without calling the market on the command path. Kept in the orders database too,
 * so a restarted service knows prices before the next tick.
 */
export class PriceCache {
  private readonly prices = new Map<string, { price: string; currency: string; at: string }>();

  constructor(private readonly db: Database) {}

  async load(): Promise<void> {
    const rows = await this.db.query<{ asset_id: string; price: string; currency: string; at: Date }>(
      'SELECT * FROM last_prices',
    );
    for (const r of rows)
      this.prices.set(r.asset_id, {
        price: new Decimal(r.price).toFixed(),
        currency: r.currency,
        at: r.at.toISOString(),
      });
  }

  async apply(message: AnyEnvelope): Promise<void> {
    if (message.type !== 'evt.market.PriceTick') return;
    const fresh = message.data.prices.filter((p) => {
      const known = this.prices.get(p.assetId);
      return !known || known.at <= p.at;
    });
    for (const p of fresh) this.prices.set(p.assetId, { price: p.price, currency: p.currency, at: p.at });
    if (fresh.length === 0) return;
    await this.db.query(
      `INSERT INTO last_prices (asset_id, price, currency, at)
       SELECT * FROM unnest($1::text[], $2::numeric[], $3::text[], $4::timestamptz[])
       ON CONFLICT (asset_id) DO UPDATE SET price = EXCLUDED.price, currency = EXCLUDED.currency, at = EXCLUDED.at WHERE last_prices.at <= EXCLUDED.at`,
      [
        fresh.map((p) => p.assetId),
        fresh.map((p) => p.price),
        fresh.map((p) => p.currency),
        fresh.map((p) => p.at),
      ],
    );
  }

  get(assetId: string) {
    return this.prices.get(assetId);
  }

  get size(): number {
    return this.prices.size;
  }
}
