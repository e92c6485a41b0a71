import { useFlag, useHasRole, Link } from '@simplebank/platform';
import { Badge, Card } from '@simplebank/ui';
import type { Asset } from '../../../shared/api/assets.ts';
import { horizonLabel, RISK_LABELS, type Strategy } from '../../../shared/api/strategies.ts';
import { AllocationList } from '../../../shared/components/AllocationList.tsx';

const RISK_TONES = { low: 'success', medium: 'info', high: 'warning' } as const;

export function StrategyCard({
  strategy,
  assetsById,
}: {
  strategy: Strategy;
  assetsById: Map<string, Asset>;
}) {
  // Investing is switched on by the `strategies.invest` flag, and is for customers (admins have no accounts).
  const investEnabled = useFlag('strategies.invest');
  const isCustomer = useHasRole('customer');
  const canInvest = investEnabled && isCustomer;
  return (
    <Card title={strategy.name}>
      <div className="sb-strategy-meta">
        <Badge tone={RISK_TONES[strategy.riskLevel]}>{RISK_LABELS[strategy.riskLevel]}</Badge>
        <Badge>{horizonLabel(strategy.timeHorizon)}</Badge>
      </div>
      {strategy.description && <p>{strategy.description}</p>}
      <h3 className="sb-section-heading">What it invests in</h3>
      <AllocationList strategy={strategy} assetsById={assetsById} />
      {canInvest && (
        <p className="sb-form-actions">
          <Link
            className="sb-button sb-button--primary"
            to={`/strategies/${encodeURIComponent(strategy.id)}/invest`}
            aria-label={`Invest in ${strategy.name}`}
          >
            Invest
          </Link>
        </p>
      )}
    </Card>
  );
}
