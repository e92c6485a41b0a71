// The admin fragment (module federation remote `admin`, exposes ./Fragment). The shell renders
// it outside any <Route>, so its routes are absolute paths.
import '@simplebank/ui/styles.css';
import type { FragmentProps } from '@simplebank/platform';
import { Route, Routes } from 'react-router';
import { DeploymentsPage } from './features/deployments/components/DeploymentsPage.tsx';
import { useLiveRegistry } from './features/deployments/hooks/useLiveRegistry.ts';
import { OverviewPage } from './features/overview/components/OverviewPage.tsx';
import { useResync } from './shared/hooks/useResync.ts';

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
        <Route path="/admin/fragments" element={<DeploymentsPage />} />
        {/* /admin/strategies belongs to the strategies fragment; anything else renders nothing. */}
        <Route path="*" element={null} />
      </Routes>
    </div>
  );
}
