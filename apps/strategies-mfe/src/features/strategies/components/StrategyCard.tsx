import { Badge, Card } from '@simplebank/ui';
import type { Asset } from '../../../shared/api/assets.ts';
import { HORIZON_LABELS, RISK_LABELS, type Strategy } from '../../../shared/api/strategies.ts';
import { AllocationList } from '../../../shared/components/AllocationList.tsx';

const RISK_TONES = { low: 'success', medium: 'info', high: 'warning' } as const;

export function StrategyCard({
  strategy,
  assetsById,
}: {
  strategy: Strategy;
  assetsById: Map<string, Asset>;
}) {
  return (
    <Card title={strategy.name}>
      <div className="sb-strategy-meta">
        <Badge tone={RISK_TONES[strategy.riskLevel]}>{RISK_LABELS[strategy.riskLevel]}</Badge>
        <Badge>{HORIZON_LABELS[strategy.timeHorizon]}</Badge>
      </div>
      {strategy.description && <p>{strategy.description}</p>}
      <h3 className="sb-section-heading">What it invests in</h3>
      <AllocationList strategy={strategy} assetsById={assetsById} />
    </Card>
  );
}
