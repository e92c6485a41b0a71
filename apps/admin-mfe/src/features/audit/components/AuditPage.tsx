import { useApi } from '@simplebank/platform';
import {
  Badge,
  ErrorNotice,
  formatDateTime,
  Loading,
  PageHeading,
  Table,
  type Column,
  type Tone,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { Pager } from '../../../shared/components/Pager.tsx';
import { useSearchFilters } from '../../../shared/hooks/useSearchFilters.ts';
import { AUDIT_FILTER_KEYS, auditQuery, type AuditEntry } from '../api/audit.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { describeBuild } from '../../../shared/api/builds.ts';

const TITLE = 'Audit log';
const OUTCOME: Record<AuditEntry['outcome'], [Tone, string]> = {
  success: ['success', 'Success'],
  failure: ['danger', 'Failure'],
  denied: ['warning', 'Denied'],
};

const columns: Column<AuditEntry>[] = [
  { key: 'when', header: 'When', cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time> },
  { key: 'who', header: 'User', cell: (e) => e.username ?? e.userId ?? 'Deploy command or anonymous' },
  { key: 'action', header: 'Action', cell: (e) => <code>{e.action}</code>, rowHeader: true },
  { key: 'target', header: 'Target', cell: (e) => e.target ?? '—' },
  {
    key: 'outcome',
    header: 'Outcome',
    cell: (e) => <Badge tone={OUTCOME[e.outcome][0]}>{OUTCOME[e.outcome][1]}</Badge>,
  },
  {
    key: 'detail',
    header: 'Detail',
    // An order placement says which fragment builds the customer's browser had loaded.
    cell: (e) =>
      [e.detail, e.builds?.length ? `builds: ${e.builds.map(describeBuild).join(', ')}` : null]
        .filter(Boolean)
        .join('; '),
  },
  { key: 'request', header: 'Request id', cell: (e) => <code>{e.requestId}</code> },
];

function Audit() {
  const api = useApi();
  const [filters, setFilters] = useSearchFilters(AUDIT_FILTER_KEYS);
  const audit = useQuery(auditQuery(api, filters));
  return (
    <>
      <PageHeading
        title={TITLE}
        description="Every admin action and every order command: who, what, when, request id."
      />
      <AuditFilters key={JSON.stringify(filters)} value={filters} onApply={setFilters} />
      {audit.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : audit.isError ? (
        <ErrorNotice
          title="We could not load the audit log."
          error={audit.error}
          onRetry={() => void audit.refetch()}
        />
      ) : (
        <>
          <Table
            caption="Audit entries"
            hideCaption
            columns={columns}
            rows={audit.data.items}
            rowKey={(e) => e.id}
            empty="No entry matches this search."
          />
          <Pager
            label="audit entries"
            page={audit.data.page}
            size={audit.data.size}
            total={audit.data.total}
            onPage={(page) => setFilters({ ...filters, page: String(page) })}
          />
        </>
      )}
    </>
  );
}

/** /admin/audit: the audit log, searchable by user, action, request id and days. */
export function AuditPage() {
  return (
    <AdminOnly title={TITLE}>
      <Audit />
    </AdminOnly>
  );
}
