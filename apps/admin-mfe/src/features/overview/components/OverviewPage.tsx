import { useNavigate, useSession } from '@simplebank/platform';
import { Button, Card, PageHeading } from '@simplebank/ui';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { DeploymentsSummary } from './DeploymentsSummary.tsx';
import { SystemHealth } from './SystemHealth.tsx';

function Overview() {
  const { user } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <PageHeading
        title="Admin console"
        description={`Signed in as ${user.displayName}. The state of the bank's systems at a glance.`}
      />
      <SystemHealth />
      <DeploymentsSummary />
      <Card title="Other admin tasks">
        {/* Strategies belong to the strategies fragment: reached through the platform's navigate. */}
        <Button variant="secondary" onClick={() => navigate('/admin/strategies')}>
          Manage strategies
        </Button>
      </Card>
    </>
  );
}

/** /admin: the admin console's start page. */
export function OverviewPage() {
  return (
    <AdminOnly title="Admin console">
      <Overview />
    </AdminOnly>
  );
}
