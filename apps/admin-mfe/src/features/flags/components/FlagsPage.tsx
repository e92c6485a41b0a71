import { useApi, useLiveQueryOptions, usePlatformQueryClient } from '@simplebank/platform';
import {
  Badge,
  Button,
  ConfirmDialog,
  ErrorNotice,
  Loading,
  Notice,
  PageHeading,
  Select,
  Table,
  type Column,
} from '@simplebank/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { deleteFlagMutation, flagsQuery, KNOWN_FLAGS, setFlagMutation, type Role } from '../api/flags.ts';
import { useLiveFlags } from '../hooks/useLiveFlags.ts';

const TITLE = 'Feature flags';

interface FlagRow {
  name: string;
  on: boolean;
  description: string;
  /** The roles it is on for; undefined: everyone. */
  roles?: Role[];
  /** Set on the server (a known flag never set is listed, off, with nothing to delete). */
  stored: boolean;
}

const AUDIENCES: { value: string; label: string; roles: Role[] | null }[] = [
  { value: 'everyone', label: 'Everyone', roles: null },
  { value: 'customer', label: 'Customers only', roles: ['customer'] },
  { value: 'admin', label: 'Admins only', roles: ['admin'] },
];

/** The audience option matching a targeting (a list of both roles is everyone who can log in). */
function audienceOf(roles: Role[] | undefined): string {
  if (!roles || roles.length !== 1) return 'everyone';
  return roles[0]!;
}

/** What a switch does, said before it is done. */
function switchConsequence({ name, on }: { name: string; on: boolean }): string {
  const what = KNOWN_FLAGS[name] ? `It controls: ${KNOWN_FLAGS[name]} ` : '';
  const effect = on
    ? 'Its audience gets the feature at once'
    : 'Its audience loses the feature at once, and the BFF refuses the commands it guards';
  return `${what}${effect}; open pages follow without a reload.`;
}

const ROLE_WORDS: Record<Role, string> = { customer: 'customers', admin: 'admins' };
const ALL_ROLES: Role[] = ['customer', 'admin'];

interface AudienceChange {
  name: string;
  /** The flag is on: the change takes effect at once. */
  on: boolean;
  from: string;
  to: string;
}

const audienceLabel = (value: string) => AUDIENCES.find((a) => a.value === value)?.label ?? value;
const rolesOf = (value: string) => AUDIENCES.find((a) => a.value === value)?.roles ?? ALL_ROLES;

/** What an audience change does, said before it is done: who gains or loses the feature, and when. */
function audienceConsequence({ name, on, from, to }: AudienceChange): string {
  const change = `From ${audienceLabel(from)} to ${audienceLabel(to)}.`;
  if (!on) return `${change} ${name} is off, so nobody notices until it is turned on.`;
  const gain = rolesOf(to).filter((role) => !rolesOf(from).includes(role));
  const lose = rolesOf(from).filter((role) => !rolesOf(to).includes(role));
  const effects = [
    ...gain.map((role) => `${ROLE_WORDS[role]} get the feature at once`),
    ...lose.map(
      (role) =>
        `${ROLE_WORDS[role]} lose the feature at once, and the BFF refuses them the commands it guards`,
    ),
  ];
  const said = effects.join('; ');
  return `${change} ${said.charAt(0).toUpperCase()}${said.slice(1)}; open pages follow without a reload.`;
}

function Flags() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const queryClient = usePlatformQueryClient();
  const flags = useQuery({ ...flagsQuery(api), ...live });
  const toggle = useMutation(setFlagMutation(api, queryClient));
  const remove = useMutation(deleteFlagMutation(api, queryClient));
  /** The flag whose deletion awaits confirmation. */
  const [toDelete, setToDelete] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  /** The switch the admin moved, waiting for their confirmation. */
  const [toSwitch, setToSwitch] = useState<{ name: string; on: boolean } | null>(null);
  /** The audience the admin chose, waiting for their confirmation (the dropdown shows it meanwhile). */
  const [toTarget, setToTarget] = useState<AudienceChange | null>(null);
  /** The last switch made, with an Undo that moves it back. */
  const [switched, setSwitched] = useState<{ name: string; on: boolean } | null>(null);
  useLiveFlags();

  const switchFlag = (change: { name: string; on: boolean }, after?: () => void) =>
    toggle.mutate(
      { flags: { [change.name]: change.on } },
      {
        onSuccess: () => {
          setSwitched(change);
          after?.();
        },
      },
    );

  const confirmDelete = (name: string) =>
    remove.mutate(name, {
      onSuccess: () => {
        setToDelete(null);
        setDeleted(name);
      },
    });

  const columns: Column<FlagRow>[] = [
    { key: 'name', header: 'Flag', cell: (f) => <code>{f.name}</code>, rowHeader: true },
    { key: 'description', header: 'What it does', cell: (f) => f.description },
    {
      key: 'state',
      header: 'State',
      cell: (f) => <Badge tone={f.on ? 'success' : 'neutral'}>{f.on ? 'On' : 'Off'}</Badge>,
    },
    {
      key: 'toggle',
      header: 'Enabled',
      cell: (f) => (
        <label className="sb-checkbox">
          <input
            type="checkbox"
            role="switch"
            checked={f.on}
            disabled={toggle.isPending}
            onChange={(event) => {
              setSwitched(null);
              setToSwitch({ name: f.name, on: event.target.checked });
            }}
          />{' '}
          <span className="sb-visually-hidden">{f.name}</span>
        </label>
      ),
    },
    {
      key: 'audience',
      header: 'For',
      cell: (f) => (
        <Select
          label={<span className="sb-visually-hidden">Audience of {f.name}</span>}
          value={toTarget?.name === f.name ? toTarget.to : audienceOf(f.roles)}
          disabled={toggle.isPending}
          onChange={(event) => {
            setSwitched(null);
            setToTarget({ name: f.name, on: f.on, from: audienceOf(f.roles), to: event.target.value });
          }}
          options={AUDIENCES.map(({ value, label }) => ({ value, label }))}
        />
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      cell: (f) =>
        f.stored ? (
          <Button
            variant="secondary"
            aria-label={`Delete ${f.name}`}
            disabled={remove.isPending}
            onClick={() => {
              setDeleted(null);
              setToDelete(f.name);
            }}
          >
            Delete
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeading
        title={TITLE}
        description="Turn features on or off, for everyone or for one role. Open pages follow a change at once, without a reload."
      />
      {toggle.isError && <ErrorNotice title="The flag was not changed." error={toggle.error} />}
      {toSwitch && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setToSwitch(null)}
          title={`Turn ${toSwitch.on ? 'on' : 'off'} ${toSwitch.name}?`}
          description={switchConsequence(toSwitch)}
          confirmLabel={toSwitch.on ? 'Turn on' : 'Turn off'}
          tone={toSwitch.on ? 'primary' : 'danger'}
          busy={toggle.isPending}
          onConfirm={() => switchFlag(toSwitch, () => setToSwitch(null))}
        />
      )}
      {toTarget && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setToTarget(null)}
          title={`Change who gets ${toTarget.name}?`}
          description={audienceConsequence(toTarget)}
          confirmLabel="Change audience"
          tone={
            toTarget.on && rolesOf(toTarget.from).some((r) => !rolesOf(toTarget.to).includes(r))
              ? 'danger'
              : 'primary'
          }
          busy={toggle.isPending}
          onConfirm={() =>
            toggle.mutate(
              {
                targeting: { [toTarget.name]: AUDIENCES.find((a) => a.value === toTarget.to)?.roles ?? null },
              },
              { onSuccess: () => setToTarget(null) },
            )
          }
        />
      )}
      <div aria-live="polite">
        {switched && !toggle.isPending && (
          <Notice
            tone="success"
            title={`${switched.name} is ${switched.on ? 'on' : 'off'}.`}
            action={
              <Button
                variant="secondary"
                onClick={() => switchFlag({ name: switched.name, on: !switched.on })}
              >
                Undo
              </Button>
            }
          />
        )}
      </div>
      {toDelete && (
        <div role="group" aria-label={`Confirm deletion of ${toDelete}`} className="sb-confirm">
          <p>
            Delete the flag <code>{toDelete}</code>? Every page that reads it sees it off from now on.
          </p>
          <Button variant="danger" busy={remove.isPending} onClick={() => confirmDelete(toDelete)}>
            Confirm delete
          </Button>
          <Button variant="secondary" onClick={() => setToDelete(null)}>
            Cancel
          </Button>
        </div>
      )}
      {remove.isError && <ErrorNotice title="The flag was not deleted." error={remove.error} />}
      <div aria-live="polite">{deleted && <Notice tone="success" title={`Flag ${deleted} deleted.`} />}</div>
      {flags.isPending ? (
        <Loading label="Loading flags…" />
      ) : flags.isError ? (
        <ErrorNotice
          title="We could not load the flags."
          error={flags.error}
          onRetry={() => void flags.refetch()}
        />
      ) : (
        <Table
          caption="Feature flags"
          hideCaption
          columns={columns}
          rows={[...new Set([...Object.keys(KNOWN_FLAGS), ...Object.keys(flags.data.flags)])]
            .sort()
            .map((name) => ({
              name,
              on: flags.data.flags[name] ?? false,
              description: KNOWN_FLAGS[name] ?? '',
              roles: flags.data.targeting[name],
              stored: Object.hasOwn(flags.data.flags, name),
            }))}
          rowKey={(f) => f.name}
        />
      )}
    </>
  );
}

/** /admin/flags: list, toggle, target and delete feature flags. */
export function FlagsPage() {
  return (
    <AdminOnly title={TITLE}>
      <Flags />
    </AdminOnly>
  );
}
