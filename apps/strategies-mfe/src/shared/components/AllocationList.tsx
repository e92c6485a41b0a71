import { formatPercent } from '@simplebank/ui';
import type { Asset } from '../api/assets.ts';
import type { Strategy } from '../api/strategies.ts';

/**
 * The allocations as a labelled list with proportional bars. The bars are decoration: the
 * percentage is in the text, so the chart reads the same without sight or colour.
 */
export function AllocationList({
  strategy,
  assetsById,
}: {
  strategy: Strategy;
  assetsById: Map<string, Asset>;
}) {
  return (
    <ul className="sb-allocations" aria-label={`Allocations of ${strategy.name}`}>
      {strategy.allocations.map((allocation) => {
        const asset = assetsById.get(allocation.assetId);
        return (
          <li key={allocation.assetId}>
            <span className="sb-allocations__label">
              <strong>{asset?.symbol ?? allocation.assetId}</strong>{' '}
              {asset && <span className="sb-muted">{asset.name}</span>}
            </span>
            <span className="sb-allocations__bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, Number(allocation.percentage))}%` }} />
            </span>
            <span className="sb-allocations__value">{formatPercent(allocation.percentage)}</span>
          </li>
        );
      })}
    </ul>
  );
}
