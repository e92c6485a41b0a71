import { useApi, useSession } from '@simplebank/platform';
import {
  Badge,
  Button,
  Card,
  ErrorNotice,
  Loading,
  Notice,
  PageHeading,
  Table,
  type Column,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { usersQuery, type User } from '../api/users.ts';
import { CreateUserForm } from './CreateUserForm.tsx';
import { RolesEditor } from './RolesEditor.tsx';
import { UserBuilds } from './UserBuilds.tsx';

const TITLE = 'Users and roles';

function Users() {
  const api = useApi();
  const { user: me } = useSession();
  const users = useQuery(usersQuery(api));
  const [editing, setEditing] = useState<string | null>(null);
  const [showingBuilds, setShowingBuilds] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const columns: Column<User>[] = [
    { key: 'username', header: 'Username', cell: (u) => u.username, rowHeader: true },
    { key: 'name', header: 'Name', cell: (u) => u.displayName },
    {
      key: 'roles',
      header: 'Roles',
      cell: (u) =>
        u.roles.map((role) => (
          <Badge key={role} tone={role === 'admin' ? 'warning' : 'neutral'}>
            {role}
          </Badge>
        )),
    },
    { key: 'customer', header: 'Customer id', cell: (u) => u.customerId ?? '—' },
    {
      key: 'actions',
      header: 'Actions',
      cell: (u) => (
        <Button
          variant="secondary"
          aria-label={`Change roles of ${u.displayName}`}
          aria-expanded={editing === u.id}
          onClick={() => {
            setSaved(null);
            setEditing(editing === u.id ? null : u.id);
          }}
        >
          Change roles
        </Button>
      ),
    },
    {
      key: 'builds',
      header: 'Builds',
      cell: (u) => (
        <Button
          variant="secondary"
          aria-label={`Builds seen by ${u.displayName}`}
          aria-expanded={showingBuilds === u.id}
          onClick={() => setShowingBuilds(showingBuilds === u.id ? null : u.id)}
        >
          Builds
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={TITLE}
        description={`Who may do what. Every change is recorded in the audit log. You are ${me.username}; you cannot remove your own admin role.`}
      />
      {saved && (
        <Notice tone="success" title="Roles saved">
          The roles of {saved} were changed and recorded in the audit log.
        </Notice>
      )}
      {users.isPending ? (
        <Loading label="Loading users…" />
      ) : users.isError ? (
        <ErrorNotice
          title="We could not load the users."
          error={users.error}
          onRetry={() => void users.refetch()}
        />
      ) : (
        <Table
          caption="Users"
          hideCaption
          columns={columns}
          rows={users.data}
          rowKey={(u) => u.id}
          empty="No users."
          details={(u) =>
            editing === u.id || showingBuilds === u.id ? (
              <>
                {editing === u.id && (
                  <RolesEditor
                    user={u}
                    isSelf={u.username === me.username}
                    onDone={(ok) => {
                      setEditing(null);
                      if (ok) setSaved(u.displayName);
                    }}
                  />
                )}
                {showingBuilds === u.id && <UserBuilds user={u} />}
              </>
            ) : null
          }
        />
      )}
      <Card title="New user">
        {created && (
          <Notice tone="success" title="User created">
            {created} can log in now. The creation is recorded in the audit log.
          </Notice>
        )}
        <CreateUserForm onCreated={setCreated} />
      </Card>
    </>
  );
}

/** /admin/users: users and their roles. */
export function UsersPage() {
  return (
    <AdminOnly title={TITLE}>
      <Users />
    </AdminOnly>
  );
}
