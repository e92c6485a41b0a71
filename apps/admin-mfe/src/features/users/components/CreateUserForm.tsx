import { useApi, usePlatformQueryClient } from '@simplebank/platform';
import { Button, ErrorNotice, TextField } from '@simplebank/ui';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { createUserMutation, ROLES, type NewUser, type Role } from '../api/users.ts';

const ROLE_LABEL: Record<Role, string> = { customer: 'Customer', admin: 'Admin' };
const EMPTY = { username: '', displayName: '', password: '', customerId: '' };

/** The rules bff.yaml sets on a new user, said next to the field rather than after a 400. */
function problems(draft: typeof EMPTY, roles: Role[]) {
  return {
    username: /^[a-z][a-z0-9._-]{2,31}$/.test(draft.username)
      ? undefined
      : '3 to 32 lower-case letters, digits, dots, dashes or underscores, starting with a letter.',
    displayName: draft.displayName.trim() ? undefined : 'A name is required.',
    password: draft.password.length >= 12 ? undefined : 'At least 12 characters.',
    roles: roles.length > 0 ? undefined : 'Choose at least one role.',
  };
}

export function CreateUserForm({ onCreated }: { onCreated: (username: string) => void }) {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const create = useMutation(createUserMutation(api, queryClient));
  const [draft, setDraft] = useState(EMPTY);
  const [roles, setRoles] = useState<Role[]>(['customer']);
  const [submitted, setSubmitted] = useState(false);
  const found = problems(draft, roles);
  const shown: Partial<typeof found> = submitted ? found : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(found).some(Boolean)) return;
    const input: NewUser = {
      username: draft.username,
      displayName: draft.displayName.trim(),
      password: draft.password,
      roles,
      ...(draft.customerId.trim() ? { customerId: draft.customerId.trim() } : {}),
    };
    create.mutate(input, {
      onSuccess: (user) => {
        setDraft(EMPTY);
        setSubmitted(false);
        onCreated(user.username);
      },
    });
  };
  const field = (key: keyof typeof EMPTY) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  return (
    <form aria-label="Create a user" onSubmit={submit} noValidate>
      <TextField label="Username" autoComplete="off" error={shown.username} {...field('username')} />
      <TextField
        label="Display name"
        autoComplete="off"
        error={shown.displayName}
        {...field('displayName')}
      />
      <TextField
        label="Initial password"
        type="password"
        autoComplete="new-password"
        error={shown.password}
        {...field('password')}
      />
      <TextField
        label="Customer id"
        hint="Only for a customer who trades on an existing customer record."
        {...field('customerId')}
      />
      <fieldset>
        <legend>Roles of the new user</legend>
        {ROLES.map((role) => (
          <label key={role} className="sb-checkbox">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(event) =>
                setRoles(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
              }
            />{' '}
            {ROLE_LABEL[role]}
          </label>
        ))}
        {shown.roles && <p role="alert">{shown.roles}</p>}
      </fieldset>
      {create.isError && <ErrorNotice title="The user was not created." error={create.error} />}
      <Button type="submit" busy={create.isPending}>
        Create user
      </Button>
    </form>
  );
}
