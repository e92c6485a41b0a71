import { Badge, formatMoney, formatTime } from '@simplebank/ui';
import type { Asset } from '../../../shared/api/assets.ts';

/** The last price with its currency and time, or why there is none. */
export function PriceCell({ asset }: { asset: Asset }) {
  if (asset.price === null) return <span className="sb-muted">No price yet</span>;
  return (
    <span>
      {formatMoney(asset.price, asset.currency, { maxFractionDigits: 4 })}
      {asset.priceStale && (
        <>
          {' '}
          <Badge tone="warning">Delayed</Badge>
        </>
      )}
    </span>
  );
}

export function PriceTimeCell({ asset }: { asset: Asset }) {
  return asset.priceTime ? (
    <time dateTime={asset.priceTime}>{formatTime(asset.priceTime)}</time>
  ) : (
    <span className="sb-muted">—</span>
  );
}
