import { Card, Loading } from '@simplebank/ui';
import type { ReactNode } from 'react';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { useSelectedAsset } from '../../../shared/hooks/useSelectedAsset.ts';
import { QuotePanel } from './QuotePanel.tsx';
import { Watchlist } from './Watchlist.tsx';
import './trade-screen.css';

/**
 * /trade's working area. From 1024 px wide: the quote and chart with the watchlist beside them,
 * the ticket on the right, the recent orders under the chart, all within one screen so a placed
 * order is seen without scrolling. Narrower, the parts stack: quote, ticket, orders, watchlist.
 */
export function TradeScreen({ ticket, orders }: { ticket: ReactNode; orders: ReactNode }) {
  const assets = useAssets();
  const { assetId, select } = useSelectedAsset();
  // Until the customer chooses, the chart shows the first priced asset (the ticket stays empty).
  const shown = assets.byId.get(assetId) ?? assets.data?.find((asset) => asset.price !== null);
  return (
    <div className="sb-trade-screen">
      <div className="sb-trade-screen__quote">
        {shown ? (
          <QuotePanel key={shown.id} asset={shown} />
        ) : (
          <Card title="Quote">
            {assets.isPending ? (
              <Loading label="Loading prices…" />
            ) : (
              <p className="sb-muted">No asset has a price yet.</p>
            )}
          </Card>
        )}
      </div>
      <div className="sb-trade-screen__watchlist">
        <Watchlist selectedId={shown?.id ?? ''} onSelect={select} />
      </div>
      <div className="sb-trade-screen__ticket">{ticket}</div>
      <div className="sb-trade-screen__orders">{orders}</div>
    </div>
  );
}
