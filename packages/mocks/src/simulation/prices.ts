// A simulated market feed for standalone mode: every interval a few assets move a little and the
// new prices are pushed on the `prices` topic, as the BFF pushes conflated price ticks.
import type { MockContext } from '../context.ts';
import { movePrice } from '../decimal.ts';
import { dayWithPrice } from '@simplebank/money';
import type { PriceTick } from '../types.ts';

/** A small seeded generator, so a standalone session moves prices the same way every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface PriceTickerOptions {
  intervalMs?: number;
  /** How many assets move per tick. */
  assetsPerTick?: number;
  /** At most this many basis points up or down per move (50 = 0.5%). */
  maxMoveBp?: number;
  seed?: number;
}

/** Moves `count` random priced assets once and returns the ticks it published. */
export function tickPrices(
  ctx: MockContext,
  random: () => number,
  count: number,
  maxMoveBp: number,
  versions: Map<string, number>,
): PriceTick[] {
  const { state } = ctx.db;
  if (!state.pricesAvailable) return [];
  const priced = state.assets.filter((asset) => asset.price !== null);
  const ticks: PriceTick[] = [];
  for (let i = 0; i < count && priced.length > 0; i += 1) {
    const asset = priced[Math.floor(random() * priced.length)];
    if (!asset?.price) continue;
    const move = Math.round((random() * 2 - 1) * maxMoveBp);
    asset.price = movePrice(asset.price, move);
    asset.priceTime = new Date().toISOString();
    asset.day = dayWithPrice(asset.day, asset.price, asset.priceTime);
    const version = (versions.get(asset.id) ?? 0) + 1;
    versions.set(asset.id, version);
    const tick = { assetId: asset.id, price: asset.price, priceTime: asset.priceTime, version };
    ticks.push(tick);
    ctx.realtime?.publish('prices', tick);
  }
  return ticks;
}

/** Starts the feed; returns a function that stops it. */
export function startPriceTicker(ctx: MockContext, options: PriceTickerOptions = {}): () => void {
  const random = seededRandom(options.seed ?? 42);
  const versions = new Map<string, number>();
  // The seeded trading day (fixtures/assets.ts) stands for today's, so the live feed goes on with it
  // rather than opening a new day, at 0%, with each asset's first tick.
  const today = new Date().toISOString().slice(0, 10);
  for (const asset of ctx.db.state.assets) if (asset.day) asset.day = { ...asset.day, date: today };
  const timer = setInterval(
    () => tickPrices(ctx, random, options.assetsPerTick ?? 3, options.maxMoveBp ?? 40, versions),
    options.intervalMs ?? 1500,
  );
  return () => clearInterval(timer);
}
