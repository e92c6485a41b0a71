// The orders fragment (module federation remote `orders`, exposes ./Fragment). The shell renders
// it outside any <Route>, so its routes are absolute paths.
import '@simplebank/ui/styles.css';
import type { FragmentProps } from '@simplebank/platform';
import { MarketWatch } from './features/market/components/MarketWatch.tsx';
import { TradeScreen } from './features/market/components/TradeScreen.tsx';
import { OrderTicket } from './features/orders/components/OrderTicket.tsx';
import { OrdersPage } from './features/orders/components/OrdersPage.tsx';
import { RecentOrders } from './features/orders/components/RecentOrders.tsx';
import { useLiveOrders } from './features/orders/hooks/useLiveOrders.ts';
import { PortfolioPage } from './features/portfolio/components/PortfolioPage.tsx';
import { useLivePrices } from './shared/hooks/useLivePrices.ts';
import { useResync, Route, Routes } from '@simplebank/platform';

/** One subscription per topic for the whole fragment, whichever screen is showing. */
function LiveUpdates() {
  useLivePrices();
  useLiveOrders();
  useResync('orders');
  return null;
}

export default function Fragment({ name }: FragmentProps) {
  return (
    <div className="sb-root" data-fragment={name} data-release-note={__FRAGMENT_RELEASE_NOTE__}>
      <LiveUpdates />
      <Routes>
        <Route
          path="/trade"
          element={
            <MarketWatch>
              <TradeScreen ticket={<OrderTicket />} orders={<RecentOrders />} />
            </MarketWatch>
          }
        />
        <Route path="/portfolio" element={<PortfolioPage />} />
        <Route path="/orders" element={<OrdersPage />} />
        {/* The shell only mounts this fragment on its routes; anything else renders nothing. */}
        <Route path="*" element={null} />
      </Routes>
    </div>
  );
}
