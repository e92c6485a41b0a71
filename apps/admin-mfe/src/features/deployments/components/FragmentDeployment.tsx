import { Badge, Button, Card, formatDateTime, StatList, Table, type Column } from '@simplebank/ui';
import { useState } from 'react';
import type { FragmentAdminRecord } from '../../../shared/api/registry.ts';
import type { RegistryCommand } from '../api/commands.ts';
import { DeploymentActions } from './DeploymentActions.tsx';

type VersionInfo = FragmentAdminRecord['versions'][number];
type HistoryEntry = FragmentAdminRecord['history'][number];

const ACTIONS: Record<HistoryEntry['action'], string> = {
  activate: 'Activated',
  rollback: 'Rolled back',
  seed: 'Seeded at first start',
};

/** `by` is "deploy-token" or an admin's user id. */
function who(by: string | undefined): string {
  if (!by) return 'Unknown';
  return by === 'deploy-token' ? 'Deploy command (token)' : by;
}

function VersionState({ record, version }: { record: FragmentAdminRecord; version: string }) {
  if (record.active === version) return <Badge tone="success">Active</Badge>;
  if (record.canary?.version === version)
    return <Badge tone="warning">Canary {record.canary.percent}%</Badge>;
  return <span className="sb-muted">—</span>;
}

export function FragmentDeployment({ record, revision }: { record: FragmentAdminRecord; revision: number }) {
  const [asked, setAsked] = useState<RegistryCommand | null>(null);
  const versionColumns: Column<VersionInfo>[] = [
    { key: 'version', header: 'Version', cell: (v) => <code>{v.version}</code>, rowHeader: true },
    { key: 'state', header: 'State', cell: (v) => <VersionState record={record} version={v.version} /> },
    {
      key: 'published',
      header: 'Published',
      cell: (v) => <time dateTime={v.publishedAt}>{formatDateTime(v.publishedAt)}</time>,
    },
    { key: 'contract', header: 'Platform contract', cell: (v) => v.contractVersion },
    {
      key: 'actions',
      header: 'Actions',
      cell: (v) =>
        v.version === record.active ? null : (
          <Button
            variant="secondary"
            aria-label={`Activate ${v.version}`}
            onClick={() =>
              setAsked({
                kind: 'activate',
                name: record.name,
                version: v.version,
                expectedRevision: revision,
              })
            }
          >
            Activate
          </Button>
        ),
    },
  ];
  const historyColumns: Column<HistoryEntry>[] = [
    {
      key: 'when',
      header: 'When',
      cell: (h) => <time dateTime={h.activatedAt}>{formatDateTime(h.activatedAt)}</time>,
    },
    { key: 'version', header: 'Version', cell: (h) => <code>{h.version}</code>, rowHeader: true },
    { key: 'action', header: 'Action', cell: (h) => ACTIONS[h.action] },
    { key: 'by', header: 'By', cell: (h) => who(h.by) },
  ];

  return (
    <Card title={record.name}>
      <StatList
        items={[
          { label: 'Active version', value: record.active ? <code>{record.active}</code> : 'None' },
          {
            label: 'Canary',
            value: record.canary ? (
              <span>
                <code>{record.canary.version}</code> to {record.canary.percent}% of users
              </span>
            ) : (
              'None'
            ),
          },
        ]}
      />
      <DeploymentActions record={record} revision={revision} asked={asked} onAsk={setAsked} />
      <h3 className="sb-section-heading">Versions</h3>
      <Table
        caption={`Versions of ${record.name}`}
        hideCaption
        columns={versionColumns}
        rows={record.versions}
        rowKey={(v) => v.version}
        empty="No version published yet."
      />
      <h3 className="sb-section-heading">Activation history</h3>
      <Table
        caption={`Activation history of ${record.name}`}
        hideCaption
        columns={historyColumns}
        rows={record.history}
        rowKey={(h) => `${h.activatedAt}-${h.version}-${h.action}`}
        empty="Never activated."
      />
    </Card>
  );
}
