import { Card, ErrorNotice, formatMoney, formatTime, Loading } from '@simplebank/ui';
import { lazy, Suspense, useId } from 'react';
import type { ValuedHolding } from '../hooks/useValuedHoldings.ts';
import { useValueOverTime } from '../hooks/useValueOverTime.ts';
import './portfolio-charts.css';

const PriceChart = lazy(() => import('../../../shared/components/PriceChart.tsx'));

/** What the customer's holdings were worth over the market's recent history, drawn and said in words. */
export function ValueOverTime({ holdings, currency }: { holdings: ValuedHolding[]; currency: string }) {
  const { points, now, isPending, error } = useValueOverTime(holdings, currency);
  const captionId = useId();
  if (isPending)
    return (
      <Card title="Value over time">
        <Loading label="Loading the value over time…" />
      </Card>
    );
  if (error)
    return (
      <Card title="Value over time">
        <ErrorNotice title="We could not load the price history of your holdings." error={error} />
      </Card>
    );
  const first = points[0];
  const last = now ?? points.at(-1);
  if (!first || !last) return null;
  return (
    <Card title="Value over time">
      <figure className="sb-value-chart" aria-labelledby={captionId}>
        <Suspense fallback={<Loading label="Loading the chart…" />}>
          <PriceChart points={points} live={now} />
        </Suspense>
        <figcaption id={captionId}>
          Value of your current holdings from {formatTime(first.at)} to {formatTime(last.at)}: from{' '}
          {formatMoney(first.price, currency)} to {formatMoney(last.price, currency)}. It uses today’s
          quantities over the market’s recent prices, so trades made in that time are not shown. Chart by{' '}
          <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">
            TradingView Lightweight Charts
          </a>
          .
        </figcaption>
      </figure>
    </Card>
  );
}
