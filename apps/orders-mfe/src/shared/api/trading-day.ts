import type { Asset } from './assets.ts';
import { changePercent } from './history.ts';

/** The change since the day's open in percent (two decimals); null without a price or a day. */
export function dailyChangePercent(asset: Asset): string | null {
  return asset.price !== null && asset.day ? changePercent(asset.day.open, asset.price) : null;
}
