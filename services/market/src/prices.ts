import Decimal from 'decimal.js';
import type { Queryable } from '@simplebank/service-kit';
import { assetCatalog, catalogById, type CatalogAsset } from './catalog.ts';
import { normal, seededRandom } from './random.ts';

export interface Quote {
  assetId: string;
  price: string;
  at: Date;
}

/**
 * Current prices (mirrored in the `prices` table so a restart goes on from where it was) and a
 * short in-memory history per asset. Prices are decimals; the random move is computed as a float
 * factor and applied with decimal.js at the asset's quoting precision.
 */
export class PriceBook {
  private readonly current = new Map<string, Quote>();
  private readonly history = new Map<string, { price: string; at: Date }[]>();
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly historySize = 600,
  ) {
    this.random = seededRandom(seed);
    const start = new Date(0);
    for (const asset of assetCatalog)
      this.current.set(asset.id, { assetId: asset.id, price: asset.initialPrice, at: start });
  }

  async load(db: Queryable): Promise<boolean> {
    const rows = await db.query<{ asset_id: string; price: string; at: Date }>(
      'SELECT asset_id, price, at FROM prices',
    );
    const known = new Map(rows.map((r) => [r.asset_id, r]));
    let fresh = rows.length === 0;
    for (const asset of assetCatalog) {
      const row = known.get(asset.id);
      const quote = {
        assetId: asset.id,
        price: row ? this.format(asset, row.price) : asset.initialPrice,
        at: row?.at ?? new Date(),
      };
      if (!row) {
        fresh = true;
        await db.query(
          'INSERT INTO prices (asset_id, price, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [asset.id, quote.price, quote.at],
        );
      }
      this.set(quote);
    }
    return fresh;
  }

  get(assetId: string): Quote | undefined {
    return this.current.get(assetId);
  }

  all(): Quote[] {
    return assetCatalog.map((a) => this.current.get(a.id)!);
  }

  recent(assetId: string, limit: number): { price: string; at: Date }[] {
    return (this.history.get(assetId) ?? []).slice(-limit);
  }

  /** Moves every price one step of its random walk; returns the new quotes. */
  step(now = new Date()): Quote[] {
    return assetCatalog.map((asset) => {
      const previous = new Decimal(this.current.get(asset.id)!.price);
      const factor = Math.exp(asset.volatility * normal(this.random));
      const floor = new Decimal(1).div(new Decimal(10).pow(asset.decimals));
      const price = Decimal.max(floor, previous.mul(factor.toFixed(10)));
      const quote = { assetId: asset.id, price: this.format(asset, price), at: now };
      this.set(quote);
      return quote;
    });
  }

  setPrice(assetId: string, price: string, now = new Date()): Quote {
    const asset = catalogById.get(assetId)!;
    const quote = { assetId, price: this.format(asset, price), at: now };
    this.set(quote);
    return quote;
  }

  async persist(tx: Queryable, quotes: Quote[]): Promise<void> {
    await tx.query(
      'UPDATE prices SET price = q.price, at = q.at FROM unnest($1::text[], $2::numeric[], $3::timestamptz[]) AS q(asset_id, price, at) WHERE prices.asset_id = q.asset_id',
      [quotes.map((q) => q.assetId), quotes.map((q) => q.price), quotes.map((q) => q.at)],
    );
  }

  private format(asset: CatalogAsset, price: Decimal.Value): string {
    return new Decimal(price).toFixed(asset.decimals, Decimal.ROUND_HALF_UP);
  }

  private set(quote: Quote): void {
    this.current.set(quote.assetId, quote);
    const list = this.history.get(quote.assetId) ?? [];
    list.push({ price: quote.price, at: quote.at });
    if (list.length > this.historySize) list.splice(0, list.length - this.historySize);
    this.history.set(quote.assetId, list);
  }
}
