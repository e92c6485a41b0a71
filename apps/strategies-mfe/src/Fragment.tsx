// The strategies fragment (module federation remote `strategies`, exposes ./Fragment). The shell
// renders it outside any <Route>, so its routes are absolute paths.
import '@simplebank/ui/styles.css';
import './shared/components/strategies.css';
import type { FragmentProps } from '@simplebank/platform';
import { InvestmentPage } from './features/investing/components/InvestmentPage.tsx';
import { InvestPage } from './features/investing/components/InvestPage.tsx';
import { MyInvestments } from './features/investing/components/MyInvestments.tsx';
import { StrategiesPage } from './features/strategies/components/StrategiesPage.tsx';
import { ManageStrategiesPage } from './features/strategy-admin/components/ManageStrategiesPage.tsx';
import { StrategyEditorPage } from './features/strategy-admin/components/StrategyEditorPage.tsx';
import { useLiveStrategies } from './shared/hooks/useLiveStrategies.ts';
import { useResync, Route, Routes } from '@simplebank/platform';

function LiveUpdates() {
  useLiveStrategies();
  useResync('strategies');
  return null;
}

export default function Fragment({ name }: FragmentProps) {
  return (
    <div className="sb-root" data-fragment={name} data-release-note={__FRAGMENT_RELEASE_NOTE__}>
      <LiveUpdates />
      <Routes>
        <Route
          path="/strategies"
          element={<StrategiesPage investments={(strategies) => <MyInvestments strategies={strategies} />} />}
        />
        <Route path="/strategies/:id/invest" element={<InvestPage />} />
        <Route path="/strategies/investments/:id" element={<InvestmentPage />} />
        <Route path="/admin/strategies" element={<ManageStrategiesPage />} />
        <Route path="/admin/strategies/new" element={<StrategyEditorPage />} />
        <Route path="/admin/strategies/:id/edit" element={<StrategyEditorPage />} />
        {/* The shell only mounts this fragment on its routes; anything else renders nothing. */}
        <Route path="*" element={null} />
      </Routes>
    </div>
  );
}
