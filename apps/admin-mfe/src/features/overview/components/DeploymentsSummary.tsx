import { useApi, useLiveQueryOptions, useNavigate } from '@simplebank/platform';
import { Button, Card, ErrorNotice, Loading, Table, type Column } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { registryQuery, type FragmentAdminRecord } from '../../../shared/api/registry.ts';

const columns: Column<FragmentAdminRecord>[] = [
  { key: 'name', header: 'Fragment', cell: (r) => r.name, rowHeader: true },
  { key: 'active', header: 'Active version', cell: (r) => (r.active ? <code>{r.active}</code> : 'None') },
  {
    key: 'canary',
    header: 'Canary',
    cell: (r) => (r.canary ? `${r.canary.percent}% on ${r.canary.version}` : 'None'),
  },
];

/** One line per fragment, with the way to the full deployments page. */
export function DeploymentsSummary() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const navigate = useNavigate();
  const registry = useQuery({ ...registryQuery(api), ...live });
  return (
    <Card title="Fragment deployments">
      {registry.isPending ? (
        <Loading label="Loading deployments…" />
      ) : registry.isError ? (
        <ErrorNotice
          title="We could not load the fragment registry."
          error={registry.error}
          onRetry={() => void registry.refetch()}
        />
      ) : (
        <Table
          caption="Deployed fragments"
          hideCaption
          columns={columns}
          rows={registry.data.fragments}
          rowKey={(r) => r.name}
          empty="No fragment deployed yet."
        />
      )}
      <Button variant="secondary" onClick={() => navigate('/admin/fragments')}>
        Manage deployments
      </Button>
    </Card>
  );
}
