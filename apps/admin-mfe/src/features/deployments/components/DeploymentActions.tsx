import { useApi, usePlatformQueryClient } from '@simplebank/platform';
import { Button, ErrorNotice, Notice, Select, TextField } from '@simplebank/ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { FragmentAdminRecord } from '../../../shared/api/registry.ts';
import { registryCommandMutation, type RegistryCommand } from '../api/commands.ts';

/** What each command will do, said before it is confirmed and after it is done. */
function describe(
  command: RegistryCommand,
  record: FragmentAdminRecord,
): { ask: string; confirm: string; done: string } {
  switch (command.kind) {
    case 'activate':
      return {
        ask: `Activate ${command.version} of ${command.name} for every user? Any canary ends.`,
        confirm: 'Confirm activation',
        done: `${command.name} ${command.version} is active.`,
      };
    case 'rollback':
      return {
        ask: `Roll back ${command.name} from ${record.active ?? 'no version'} to the version active before it?`,
        confirm: 'Confirm roll back',
        done: `${command.name} was rolled back.`,
      };
    case 'canary':
      return {
        ask: `Serve ${command.version} of ${command.name} to ${command.percent}% of users?`,
        confirm: 'Confirm canary',
        done: `${command.name} ${command.version} is served to ${command.percent}% of users.`,
      };
    case 'end-canary':
      return {
        ask: `End the canary of ${command.name}? Everyone gets the active version.`,
        confirm: 'Confirm end of canary',
        done: `The canary of ${command.name} ended.`,
      };
  }
}

/**
 * Activate, roll back and canary for one fragment. Every command is asked first and confirmed
 * second, and carries the registry revision the admin saw, so a deploy in between is not overridden.
 */
export function DeploymentActions({
  record,
  revision,
  asked,
  onAsk,
}: {
  record: FragmentAdminRecord;
  revision: number;
  /** The command awaiting confirmation (lifted so the version table's buttons can ask too). */
  asked: RegistryCommand | null;
  onAsk: (command: RegistryCommand | null) => void;
}) {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const run = useMutation(registryCommandMutation(api, queryClient));
  const [done, setDone] = useState<string | null>(null);
  const candidates = record.versions.filter((v) => v.version !== record.active);
  const [canaryVersion, setCanaryVersion] = useState('');
  const [percent, setPercent] = useState('10');
  const percentValue = Number(percent);
  const percentValid = Number.isInteger(percentValue) && percentValue >= 1 && percentValue <= 100;

  const canRollBack = Boolean(record.active) && record.history.length >= 2;
  const rollbackHintId = useId();
  const ask = (command: RegistryCommand) => {
    setDone(null);
    run.reset();
    onAsk(command);
  };
  const submitCanary = (event: FormEvent) => {
    event.preventDefault();
    if (!canaryVersion || !percentValid) return;
    ask({
      kind: 'canary',
      name: record.name,
      version: canaryVersion,
      percent: percentValue,
      expectedRevision: revision,
    });
  };
  const confirm = () => {
    if (!asked) return;
    const text = describe(asked, record).done;
    run.mutate(asked, {
      onSuccess: () => setDone(text),
      onSettled: () => onAsk(null),
    });
  };

  return (
    <div className="sb-deployment-actions">
      <div className="sb-actions">
        <Button
          variant="danger"
          aria-label={`Roll back ${record.name}`}
          disabled={!canRollBack}
          aria-describedby={canRollBack ? undefined : rollbackHintId}
          onClick={() => ask({ kind: 'rollback', name: record.name, expectedRevision: revision })}
        >
          Roll back
        </Button>
        {record.canary && (
          <Button
            variant="secondary"
            aria-label={`End canary of ${record.name}`}
            onClick={() => ask({ kind: 'end-canary', name: record.name })}
          >
            End canary
          </Button>
        )}
      </div>
      {!canRollBack && (
        <p id={rollbackHintId} className="sb-muted">
          {record.active
            ? `Roll back needs an earlier version, and ${record.name} has had only one active version.`
            : `${record.name} has no active version to roll back.`}{' '}
          To upload a new version, run <code>npm run deploy -w apps/{record.name}-mfe</code> from the
          repository (add <code>-- --canary 10</code> to serve it to 10% of users first).
        </p>
      )}
      {candidates.length > 0 && (
        <form className="sb-filters" aria-label={`Canary of ${record.name}`} onSubmit={submitCanary}>
          <Select
            label={`Canary version of ${record.name}`}
            placeholder="Choose a version"
            value={canaryVersion}
            onChange={(event) => setCanaryVersion(event.target.value)}
            options={candidates.map((v) => ({ value: v.version, label: v.version }))}
          />
          <TextField
            label={`Canary percent of ${record.name}`}
            type="number"
            min={1}
            max={100}
            step={1}
            value={percent}
            error={percentValid ? undefined : 'A whole number from 1 to 100.'}
            onChange={(event) => setPercent(event.target.value)}
          />
          <Button type="submit" variant="secondary" disabled={!canaryVersion || !percentValid}>
            Set canary
          </Button>
        </form>
      )}
      {asked && (
        <div role="group" aria-label={`Confirm change to ${record.name}`} className="sb-confirm">
          <p>{describe(asked, record).ask}</p>
          <Button busy={run.isPending} onClick={confirm}>
            {describe(asked, record).confirm}
          </Button>
          <Button variant="secondary" onClick={() => onAsk(null)}>
            Cancel
          </Button>
        </div>
      )}
      {run.isError && <ErrorNotice title={`The change to ${record.name} was not made.`} error={run.error} />}
      <div aria-live="polite">{done && <Notice tone="success" title={done} />}</div>
    </div>
  );
}
