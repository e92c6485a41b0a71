// The admin fragment (module federation remote `admin`, exposes ./Fragment). The shell renders
// it outside any <Route>, so its routes are absolute paths.
import '@simplebank/ui/styles.css';
import type { FragmentProps } from '@simplebank/platform';
import { AuditPage } from './features/audit/components/AuditPage.tsx';
import { CustomersPage } from './features/customers/components/CustomersPage.tsx';
import { DeploymentsPage } from './features/deployments/components/DeploymentsPage.tsx';
import { useLiveRegistry } from './features/deployments/hooks/useLiveRegistry.ts';
import { FlagsPage } from './features/flags/components/FlagsPage.tsx';
import { OrdersPage } from './features/orders/components/OrdersPage.tsx';
import { OverviewPage } from './features/overview/components/OverviewPage.tsx';
import { UsersPage } from './features/users/components/UsersPage.tsx';
import { useResync, Route, Routes } from '@simplebank/platform';

function LiveUpdates() {
  useLiveRegistry();
  useResync('admin');
  return null;
}

export default function Fragment({ name }: FragmentProps) {
  return (
    <div className="sb-root" data-fragment={name} data-release-note={__FRAGMENT_RELEASE_NOTE__}>
      <LiveUpdates />
      <Routes>
        <Route path="/admin" element={<OverviewPage />} />
        <Route path="/admin/customers" element={<CustomersPage />} />
        <Route path="/admin/orders" element={<OrdersPage />} />
        <Route path="/admin/users" element={<UsersPage />} />
        <Route path="/admin/audit" element={<AuditPage />} />
        <Route path="/admin/fragments" element={<DeploymentsPage />} />
        <Route path="/admin/flags" element={<FlagsPage />} />
        {/* /admin/strategies belongs to the strategies fragment; anything else renders nothing. */}
        <Route path="*" element={null} />
      </Routes>
    </div>
  );
}
