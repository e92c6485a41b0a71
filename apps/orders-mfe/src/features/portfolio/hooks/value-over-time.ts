import type { Schema } from '@simplebank/openapi';
import { addDecimals, multiplyDecimals } from '@simplebank/ui';

type PricePoint = Schema<'PricePoint'>;

/** Points closer than this are one point: enough for a chart of minutes to hours. */
const STEP_MS = 10_000;

/**
 * What `quantities` (asset id → quantity held now) were worth at each time the prices say, from
 * the first time every asset has a price: Σ quantity × the asset's last price at that time, exact.
 * Today's quantities over past prices: trades made in that time are not reflected.
 */
export function valueOverTime(
  quantities: Map<string, string>,
  histories: Map<string, PricePoint[]>,
): PricePoint[] {
  const assets = [...quantities.keys()];
  if (assets.length === 0 || assets.some((id) => (histories.get(id) ?? []).length === 0)) return [];
  const start = Math.max(...assets.map((id) => Date.parse(histories.get(id)![0]!.at)));
  const times = new Set<number>();
  for (const id of assets)
    for (const point of histories.get(id)!) {
      const time = Date.parse(point.at);
      if (time >= start) times.add(Math.floor(time / STEP_MS) * STEP_MS);
    }
  const cursor = new Map(assets.map((id) => [id, 0]));
  const values: PricePoint[] = [];
  for (const time of [...times].sort((a, b) => a - b)) {
    const end = Math.max(time, start) + STEP_MS - 1;
    const parts = assets.map((id) => {
      const points = histories.get(id)!;
      let index = cursor.get(id)!;
      while (index + 1 < points.length && Date.parse(points[index + 1]!.at) <= end) index += 1;
      cursor.set(id, index);
      return multiplyDecimals(quantities.get(id)!, points[index]!.price);
    });
    values.push({ price: addDecimals(...parts), at: new Date(Math.max(time, start)).toISOString() });
  }
  return values;
}
