import { useApi, usePlatformQueryClient } from '@simplebank/platform';
import { Button, ConfirmDialog, ErrorNotice } from '@simplebank/ui';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLES, setRolesMutation, type Role, type User } from '../api/users.ts';

const ROLE_LABEL: Record<Role, string> = { customer: 'Customer', admin: 'Admin' };

function roleList(roles: Role[]): string {
  return roles.map((role) => ROLE_LABEL[role]).join(' and ');
}

/** What a change of roles gives or takes, said before it is saved. */
function roleChangeConsequence(before: Role[], after: Role[]): string {
  const gains = after.includes('admin') && !before.includes('admin');
  const loses = before.includes('admin') && !after.includes('admin');
  const change = `From ${roleList(before)} to ${roleList(after)}.`;
  if (gains)
    return `${change} An admin sees every customer and order and can change users, flags and deployments.`;
  if (loses) return `${change} They lose the back office at their next request.`;
  return change;
}

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
  // Roles decide what a person may do: the change is confirmed before it is saved.
  const [confirming, setConfirming] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    setConfirming(true);
  };
  const confirm = () =>
    save.mutate(
      { id: user.id, roles },
      {
        onSuccess: () => {
          setConfirming(false);
          onDone(true);
        },
        onError: () => setConfirming(false),
      },
    );

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
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Change the roles of ${user.displayName}?`}
        description={roleChangeConsequence(user.roles, roles)}
        confirmLabel="Change roles"
        tone={roles.includes('admin') && !user.roles.includes('admin') ? 'danger' : 'primary'}
        busy={save.isPending}
        onConfirm={confirm}
      />
    </form>
  );
}
