import { useApi } from '@simplebank/platform';
import {
  Badge,
  Card,
  ErrorNotice,
  formatDateTime,
  Loading,
  StatList,
  Table,
  type Column,
  type Tone,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { systemQuery, type ReadModelLag, type SystemState as Readiness } from '../api/system.ts';

type Dependency = Readiness['dependencies'][number];

const STATUS: Record<Dependency['status'], [Tone, string]> = {
  up: ['success', 'Up'],
  degraded: ['warning', 'Degraded'],
  down: ['danger', 'Down'],
};
const OVERALL: Record<Readiness['status'], [Tone, string]> = {
  ok: ['success', 'All systems working'],
  degraded: ['warning', 'Degraded'],
  unavailable: ['danger', 'Unavailable'],
};
const BREAKER: Record<NonNullable<Dependency['breaker']>, string> = {
  closed: 'Closed',
  open: 'Open',
  'half-open': 'Half-open',
  isolated: 'Isolated',
};

const columns: Column<Dependency>[] = [
  { key: 'name', header: 'Service', cell: (d) => d.name, rowHeader: true },
  {
    key: 'status',
    header: 'Status',
    cell: (d) => <Badge tone={STATUS[d.status][0]}>{STATUS[d.status][1]}</Badge>,
  },
  { key: 'breaker', header: 'Circuit breaker', cell: (d) => (d.breaker ? BREAKER[d.breaker] : '—') },
  {
    key: 'latency',
    header: 'Latency',
    cell: (d) => (d.latencyMs === undefined ? '—' : `${d.latencyMs} ms`),
    align: 'end',
  },
  { key: 'detail', header: 'Detail', cell: (d) => d.detail ?? '' },
];

/** How far the orders read model is behind the commands (the lag the UI hides from customers). */
function ReadModel({ lag }: { lag: ReadModelLag | null }) {
  return (
    <>
      <h3 className="sb-section-heading">Orders read model</h3>
      {lag === null ? (
        <p>The orders service did not report its read model.</p>
      ) : (
        <StatList
          items={[
            { label: 'Events behind', value: lag.eventsBehind },
            { label: 'Seconds behind', value: lag.secondsBehind.toFixed(1) },
            { label: 'Configured delay', value: `${lag.lagMs} ms` },
            {
              label: 'Last projected',
              value: lag.lastProjectedAt ? formatDateTime(lag.lastProjectedAt) : 'Never',
            },
          ]}
        />
      )}
    </>
  );
}

export function SystemHealth() {
  const api = useApi();
  const system = useQuery(systemQuery(api));
  return (
    <Card title="System health">
      {system.isPending ? (
        <Loading label="Checking services…" />
      ) : system.isError ? (
        <ErrorNotice
          title="We could not check the services."
          error={system.error}
          onRetry={() => void system.refetch()}
        />
      ) : (
        <>
          <p>
            <Badge tone={OVERALL[system.data.status][0]}>{OVERALL[system.data.status][1]}</Badge>
          </p>
          <Table
            caption="Services"
            hideCaption
            columns={columns}
            rows={system.data.dependencies}
            rowKey={(d) => d.name}
            empty="No services reported."
          />
          <ReadModel lag={system.data.ordersReadModel} />
        </>
      )}
    </Card>
  );
}
