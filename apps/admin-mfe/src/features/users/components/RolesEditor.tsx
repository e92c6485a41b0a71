import { useApi, usePlatformQueryClient } from '@simplebank/platform';
import { Button, ErrorNotice } from '@simplebank/ui';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLES, setRolesMutation, type Role, type User } from '../api/users.ts';

const ROLE_LABEL: Record<Role, string> = { customer: 'Customer', admin: 'Admin' };

/** Checkboxes for a user's roles; at least one role, as the contract requires. */
export function RolesEditor({
  user,
  onDone,
  isSelf = false,
}: {
  user: User;
  onDone: (saved: boolean) => void;
  /** The admin's own row: the BFF refuses removing one's own admin role, so the box is locked. */
  isSelf?: boolean;
}) {
  const api = useApi();
  const queryClient = usePlatformQueryClient();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const save = useMutation(setRolesMutation(api, queryClient));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: user.id, roles }, { onSuccess: () => onDone(true) });
  };

  return (
    <form onSubmit={submit} aria-label={`Roles of ${user.displayName}`}>
      <fieldset>
        <legend>Roles of {user.displayName}</legend>
        {ROLES.map((role) => {
          const locked = isSelf && role === 'admin' && user.roles.includes('admin');
          return (
            <label key={role} className="sb-checkbox">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                disabled={locked}
                aria-describedby={locked ? `${user.id}-own-admin` : undefined}
                onChange={(event) =>
                  setRoles(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
                }
              />{' '}
              {ROLE_LABEL[role]}
              {/* Hidden from the label's name (the box stays "Admin"), read as its description. */}
              {locked && (
                <span id={`${user.id}-own-admin`} className="sb-muted" aria-hidden="true">
                  {' '}
                  (you cannot remove your own admin role)
                </span>
              )}
            </label>
          );
        })}
      </fieldset>
      {roles.length === 0 && <p role="alert">Choose at least one role.</p>}
      {save.isError && <ErrorNotice title="The roles were not changed." error={save.error} />}
      <Button type="submit" busy={save.isPending} disabled={roles.length === 0}>
        Save roles
      </Button>
      <Button variant="secondary" onClick={() => onDone(false)}>
        Cancel
      </Button>
    </form>
  );
}
