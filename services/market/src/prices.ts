import Decimal from 'decimal.js';
import type { Queryable } from '@simplebank/service-kit';
import { assetCatalog, catalogById, type CatalogAsset } from './catalog.ts';
import { normal, seededRandom } from './random.ts';

export interface Quote {
  assetId: string;
  price: string;
  at: Date;
}

/** An asset's UTC trading day (openapi/services/market.yaml, TradingDay). */
export interface TradingDay {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  open: string;
  high: string;
  low: string;
}

/** A current quote with the trading day it belongs to. */
export interface DayQuote extends Quote {
  day: TradingDay;
}

/**
 * The random walk and the current prices it moves. The `prices` table is the truth every instance
 * shares: the instance holding the ticker lease loads it before each step (refresh), the others
 * read it to answer quotes and to fill orders; `price_history` keeps the recent quotes of each
 * asset. Prices are decimals; the random move is computed as a float factor and applied with
 * decimal.js at the asset's quoting precision.
 */
export class PriceBook {
  private readonly current = new Map<string, Quote>();
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
    const start = new Date(0);
    for (const asset of assetCatalog)
      this.current.set(asset.id, { assetId: asset.id, price: asset.initialPrice, at: start });
  }

  /** Creates the missing rows of the `prices` table; true when any was missing (a fresh market). */
  async load(db: Queryable): Promise<boolean> {
    const rows = await readPriceRows(db);
    const known = new Map(rows.map((r) => [r.asset_id, r]));
    let fresh = rows.length === 0;
    for (const asset of assetCatalog) {
      if (known.has(asset.id)) continue;
      fresh = true;
      // The exchange opens the day at the listing's initial price.
      await db.query(
        `INSERT INTO prices (asset_id, price, at, day, day_open, day_high, day_low)
         VALUES ($1, $2, $3, ($3::timestamptz AT TIME ZONE 'UTC')::date, $2, $2, $2) ON CONFLICT DO NOTHING`,
        [asset.id, asset.initialPrice, new Date()],
      );
    }
    await this.refresh(db);
    return fresh;
  }

  /**
   * Takes the current prices from the table (another instance may have ticked or an admin set a
   * price); `lock` holds the rows until the transaction ends, so a tick and a set price never
   * overwrite each other.
   */
  async refresh(db: Queryable, lock = false): Promise<void> {
    for (const r of await readPriceRows(db, lock)) {
      const asset = catalogById.get(r.asset_id);
      if (asset)
        this.current.set(asset.id, { assetId: asset.id, price: this.format(asset, r.price), at: r.at });
    }
  }

  get(assetId: string): Quote | undefined {
    return this.current.get(assetId);
  }

  all(): Quote[] {
    return assetCatalog.map((a) => this.current.get(a.id)!);
  }

  /** Moves every price one step of its random walk; returns the new quotes. */
  step(now = new Date()): Quote[] {
    return assetCatalog.map((asset) => {
      const previous = new Decimal(this.current.get(asset.id)!.price);
      const factor = Math.exp(asset.volatility * normal(this.random));
      const floor = new Decimal(1).div(new Decimal(10).pow(asset.decimals));
      const price = Decimal.max(floor, previous.mul(factor.toFixed(10)));
      const quote = { assetId: asset.id, price: this.format(asset, price), at: now };
      this.current.set(asset.id, quote);
      return quote;
    });
  }

  setPrice(assetId: string, price: string, now = new Date()): Quote {
    const asset = catalogById.get(assetId)!;
    const quote = { assetId, price: this.format(asset, price), at: now };
    this.current.set(assetId, quote);
    return quote;
  }

  /**
   * Writes quotes as the current prices and appends them to the history. A quote of the row's UTC
   * day moves its high and low; the first quote of a later day opens that day; one of an earlier day
   * (a clock gone back) leaves the day alone. On the right of SET, `prices.*` are the values before
   * this update.
   */
  async persist(tx: Queryable, quotes: Quote[]): Promise<void> {
    const columns = [quotes.map((q) => q.assetId), quotes.map((q) => q.price), quotes.map((q) => q.at)];
    await tx.query(
      `UPDATE prices SET price = q.price, at = q.at, day = GREATEST(prices.day, q.day),
         day_open = CASE WHEN prices.day >= q.day THEN prices.day_open ELSE q.price END,
         day_high = CASE WHEN prices.day = q.day THEN GREATEST(prices.day_high, q.price)
                         WHEN prices.day > q.day THEN prices.day_high ELSE q.price END,
         day_low = CASE WHEN prices.day = q.day THEN LEAST(prices.day_low, q.price)
                        WHEN prices.day > q.day THEN prices.day_low ELSE q.price END
       FROM (SELECT u.*, (u.at AT TIME ZONE 'UTC')::date AS day
             FROM unnest($1::text[], $2::numeric[], $3::timestamptz[]) AS u(asset_id, price, at)) AS q
       WHERE prices.asset_id = q.asset_id`,
      columns,
    );
    await tx.query(
      'INSERT INTO price_history (asset_id, price, at) SELECT * FROM unnest($1::text[], $2::numeric[], $3::timestamptz[])',
      columns,
    );
  }

  private format(asset: CatalogAsset, price: Decimal.Value): string {
    return new Decimal(price).toFixed(asset.decimals, Decimal.ROUND_HALF_UP);
  }
}

type PriceRow = {
  asset_id: string;
  price: string;
  at: Date;
  day: string;
  day_open: string;
  day_high: string;
  day_low: string;
};

function readPriceRows(db: Queryable, lock = false): Promise<PriceRow[]> {
  return db.query<PriceRow>(
    `SELECT asset_id, price, at, to_char(day, 'YYYY-MM-DD') AS day, day_open, day_high, day_low
     FROM prices${lock ? ' ORDER BY asset_id FOR UPDATE' : ''}`,
  );
}

/** The current quotes and their trading day as the table holds them (what every instance answers). */
export async function readQuotes(db: Queryable): Promise<Map<string, DayQuote>> {
  const quotes = new Map<string, DayQuote>();
  for (const r of await readPriceRows(db)) {
    const asset = catalogById.get(r.asset_id);
    const format = (value: string) => new Decimal(value).toFixed(asset!.decimals, Decimal.ROUND_HALF_UP);
    if (asset)
      quotes.set(r.asset_id, {
        assetId: r.asset_id,
        price: format(r.price),
        at: r.at,
        day: { date: r.day, open: format(r.day_open), high: format(r.day_high), low: format(r.day_low) },
      });
  }
  return quotes;
}

/** The last `limit` quotes of an asset, oldest first. */
export async function readHistory(
  db: Queryable,
  assetId: string,
  limit: number,
): Promise<{ price: string; at: Date }[]> {
  const asset = catalogById.get(assetId)!;
  const rows = await db.query<{ price: string; at: Date }>(
    'SELECT price, at FROM price_history WHERE asset_id = $1 ORDER BY at DESC, id DESC LIMIT $2',
    [assetId, limit],
  );
  return rows
    .reverse()
    .map((r) => ({ price: new Decimal(r.price).toFixed(asset.decimals, Decimal.ROUND_HALF_UP), at: r.at }));
}

/** Keeps the last `keep` quotes of each asset (the ticker runs it now and then). */
export async function pruneHistory(db: Queryable, keep: number): Promise<void> {
  await db.query(
    `DELETE FROM price_history WHERE id IN (
       SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY asset_id ORDER BY at DESC, id DESC) AS n FROM price_history) ranked
       WHERE n > $1)`,
    [keep],
  );
}
