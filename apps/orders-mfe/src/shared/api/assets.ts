import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '@simplebank/platform';
import { queryKeys } from './query-keys.ts';
import { dayWithPrice } from '@simplebank/money';

export type Asset = Schema<'Asset'>;

/**
 * A message of the `prices` topic. bff.yaml does not describe realtime payloads; this is the
 * shape the BFF and the mocks agree on: the new price of one asset and a version that grows.
 */
export interface PriceTick {
  assetId: string;
  price: string;
  priceTime: string;
  version: number;
}

/** GET /api/assets: every listed asset with its last known price. */
export function assetsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: queryKeys.assets(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/assets', { signal })).items,
  });
}

/**
 * The list with one asset's price replaced and its trading day moved by it; the same array when
 * the asset is unknown.
 */
export function applyPriceTick(assets: Asset[], tick: PriceTick): Asset[] {
  const index = assets.findIndex((asset) => asset.id === tick.assetId);
  if (index === -1) return assets;
  const next = [...assets];
  const asset = assets[index]!;
  next[index] = {
    ...asset,
    price: tick.price,
    priceTime: tick.priceTime,
    priceStale: false,
    day: dayWithPrice(asset.day, tick.price, tick.priceTime),
  };
  return next;
}
