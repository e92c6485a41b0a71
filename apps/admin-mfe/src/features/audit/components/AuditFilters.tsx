import { useApi } from '@simplebank/platform';
import { Button, Select, TextField } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { usersQuery } from '../../../shared/api/users.ts';
import type { AuditFilters as Filters } from '../api/audit.ts';

/** Search by user, action, request id and a range of days; applied on submit. */
export function AuditFilters({ value, onApply }: { value: Filters; onApply: (next: Filters) => void }) {
  const api = useApi();
  const users = useQuery(usersQuery(api));
  const [draft, setDraft] = useState(value);
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { page: _page, ...rest } = draft;
    onApply({ ...rest, action: rest.action?.trim(), requestId: rest.requestId?.trim() });
  };

  return (
    <form className="sb-filters" aria-label="Search the audit log" onSubmit={submit}>
      <Select
        label="User"
        placeholder="Any user"
        value={draft.userId ?? ''}
        onChange={set('userId')}
        options={(users.data ?? []).map((user) => ({ value: user.id, label: user.username }))}
      />
      <TextField
        label="Action"
        hint="For example user.roles or order.place"
        value={draft.action ?? ''}
        onChange={set('action')}
      />
      <TextField label="Request id" value={draft.requestId ?? ''} onChange={set('requestId')} />
      <TextField label="From" type="date" value={draft.from ?? ''} onChange={set('from')} />
      <TextField label="To" type="date" value={draft.to ?? ''} onChange={set('to')} />
      <Button type="submit">Search</Button>
      <Button
        variant="secondary"
        onClick={() => {
          setDraft({});
          onApply({});
        }}
      >
        Clear
      </Button>
    </form>
  );
}
