import { Card, formatMoney, Loading } from '@simplebank/ui';
import { useWatchlist } from '../hooks/useWatchlist.ts';
import { ChangeFigure } from './QuotePanel.tsx';

/**
 * Assets with their live price and daily change (since the day's open); choosing one shows it in the quote and the chart and
 * puts it on the ticket. Buttons in a list (aria-pressed marks the shown one), so Tab and Enter or
 * Space are all it takes.
 */
export function Watchlist({
  selectedId,
  onSelect,
}: {
  selectedId: string;
  onSelect: (assetId: string) => void;
}) {
  const watchlist = useWatchlist();
  return (
    <Card title="Watchlist">
      {watchlist.isPending ? (
        <Loading label="Loading the watchlist…" />
      ) : watchlist.items.length === 0 ? (
        <p className="sb-muted">No priced assets to watch yet.</p>
      ) : (
        <ul className="sb-watchlist">
          {watchlist.items.map(({ asset, changePercent }) => (
            <li key={asset.id}>
              <button
                type="button"
                className="sb-watchlist__item"
                aria-pressed={asset.id === selectedId}
                onClick={() => onSelect(asset.id)}
              >
                <span className="sb-watchlist__symbol">{asset.symbol}</span>
                <span className="sb-watchlist__name">{asset.name}</span>
                <span className="sb-watchlist__price">
                  {asset.price ? formatMoney(asset.price, asset.currency, { maxFractionDigits: 4 }) : '—'}
                </span>
                <span className="sb-watchlist__change">
                  {changePercent === null ? (
                    ''
                  ) : (
                    <ChangeFigure percent={changePercent} label="daily change" />
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
