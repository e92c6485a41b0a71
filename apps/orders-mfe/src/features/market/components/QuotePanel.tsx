import { Card, ErrorNotice, formatMoney, formatPercent, formatTime, Loading, StatList } from '@simplebank/ui';
import { lazy, Suspense, useId } from 'react';
import type { Asset } from '../../../shared/api/assets.ts';
import type { PriceQuote } from '../../../shared/api/history.ts';
import { dailyChangePercent } from '../../../shared/api/trading-day.ts';
import { useLiveQuote } from '../hooks/useLiveQuote.ts';

const PriceChart = lazy(() => import('../../../shared/components/PriceChart.tsx'));

/**
 * "+0.35%" / "−1.20%", coloured, with the direction in words for those who do not see colour;
 * `label` is said before it to screen readers where no visible label names the figure.
 */
export function ChangeFigure({ percent, label }: { percent: string; label?: string }) {
  const direction = percent.startsWith('-') ? 'down' : Number(percent) === 0 ? 'unchanged' : 'up';
  return (
    <span className={direction === 'down' ? 'sb-loss' : direction === 'up' ? 'sb-gain' : undefined}>
      {label && <span className="sb-visually-hidden">{label} </span>}
      {formatPercent(percent, { signDisplay: 'exceptZero' })}
      <span className="sb-visually-hidden"> ({direction})</span>
    </span>
  );
}

function price(value: string, asset: Asset) {
  return formatMoney(value, asset.currency, { maxFractionDigits: 4 });
}

/**
 * Last price, daily change and the day's high and low, from the asset list (its `day`, moved by
 * pushed prices: shared/api/assets.ts); the history's quote stands in while the market has not
 * told the day.
 */
function QuoteFigures({ quote, asset }: { quote: PriceQuote; asset: Asset }) {
  const daily = dailyChangePercent(asset);
  return (
    <StatList
      items={[
        { label: 'Last price', value: price(asset.price ?? quote.last, asset) },
        { label: 'Daily change', value: daily === null ? '—' : <ChangeFigure percent={daily} /> },
        { label: 'Day high', value: price(asset.day?.high ?? quote.high, asset) },
        { label: 'Day low', value: price(asset.day?.low ?? quote.low, asset) },
      ]}
    />
  );
}

/**
 * The selected asset's quote (last price, daily change, high and low) and its price chart, both following
 * pushed prices. The chart is described in words under it (its figcaption) for screen readers.
 */
export function QuotePanel({ asset }: { asset: Asset }) {
  const { history, quote } = useLiveQuote(asset.id);
  const captionId = useId();
  const title = `${asset.symbol} · ${asset.name}`;
  if (history.isPending) {
    return (
      <Card title={title}>
        <Loading label={`Loading the price history of ${asset.symbol}…`} />
      </Card>
    );
  }
  if (history.isError) {
    return (
      <Card title={title}>
        <ErrorNotice
          title={`We could not load the price history of ${asset.symbol}.`}
          error={history.error}
          onRetry={() => void history.refetch()}
        />
      </Card>
    );
  }
  return (
    <Card title={title}>
      {quote ? (
        <QuoteFigures quote={quote} asset={asset} />
      ) : (
        <p className="sb-muted">The market has no recent price of {asset.symbol}.</p>
      )}
      {quote && (
        <figure className="sb-price-figure" aria-labelledby={captionId}>
          <Suspense fallback={<Loading label="Loading the chart…" />}>
            <PriceChart
              points={history.data.points}
              live={asset.price && asset.priceTime ? { price: asset.price, at: asset.priceTime } : null}
            />
          </Suspense>
          <figcaption id={captionId} className="sb-price-figure__caption">
            Price of {asset.symbol} from {formatTime(quote.from)} to {formatTime(quote.to)}: from{' '}
            {price(quote.open, asset)} to {price(quote.last, asset)}, between {price(quote.low, asset)} and{' '}
            {price(quote.high, asset)}. Chart by{' '}
            <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">
              TradingView Lightweight Charts
            </a>
            .
          </figcaption>
        </figure>
      )}
    </Card>
  );
}
