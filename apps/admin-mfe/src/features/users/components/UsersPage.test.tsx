import { errorBody, http, mockContext, server } from '@simplebank/mocks/node';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const row = (username: string) => screen.getByRole('rowheader', { name: username }).closest('tr')!;

describe('/admin/users', () => {
  it('lists users with their roles', async () => {
    renderFragment('/admin/users', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'bob' });
    expect(row('bob')).toHaveTextContent('Bob Okafor');
    expect(row('bob')).toHaveTextContent('customer');
    expect(row('admin')).toHaveTextContent('admin');
  });

  it("changes a user's roles and says it is audited", async () => {
    let sent: unknown;
    server.events.on('request:start', async ({ request }) => {
      if (request.method === 'PUT') sent = await request.clone().json();
    });
    const { user } = renderFragment('/admin/users', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'bob' });
    await user.click(screen.getByRole('button', { name: 'Change roles of Bob Okafor' }));
    const editor = screen.getByRole('group', { name: 'Roles of Bob Okafor' });
    expect(within(editor).getByRole('checkbox', { name: 'Customer' })).toBeChecked();
    await user.click(within(editor).getByRole('checkbox', { name: 'Admin' }));
    await user.click(screen.getByRole('button', { name: 'Save roles' }));
    const question = screen.getByRole('alertdialog', { name: 'Change the roles of Bob Okafor?' });
    expect(question).toHaveAccessibleDescription(
      'From Customer to Customer and Admin. An admin sees every customer and order and can change users, flags and deployments.',
    );
    expect(sent).toBeUndefined();
    await user.click(within(question).getByRole('button', { name: 'Change roles' }));
    expect(await screen.findByText('Roles saved')).toBeInTheDocument();
    expect(sent).toEqual({ roles: ['customer', 'admin'] });
    expect(mockContext.db.state.roleOverrides['u-bob']).toEqual(['customer', 'admin']);
    expect(within(row('bob')).getAllByText(/customer|admin/)).toHaveLength(2);
    server.events.removeAllListeners();
  });

  it("shows the fragment builds the user's sessions loaded", async () => {
    mockContext.db.state.reportedBuilds['u-alice'] = {
      reportedAt: '2026-01-01T10:00:00Z',
      fragments: [
        { name: 'admin', version: '1.0.0-aaaaaaaaaa', canary: false },
        { name: 'orders', version: '1.1.0-bbbbbbbbbb', canary: true },
      ],
    };
    const { user } = renderFragment('/admin/users', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'alice' });
    await user.click(screen.getByRole('button', { name: 'Builds seen by Alice Martin' }));
    const panel = await screen.findByRole('region', { name: 'Builds of Alice Martin' });
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'admin 1.0.0-aaaaaaaaaa active',
      'orders 1.1.0-bbbbbbbbbb canary',
    ]);
    await user.click(screen.getByRole('button', { name: 'Builds seen by Bob Okafor' }));
    expect(await screen.findByText('No session of Bob Okafor has reported its builds.')).toBeInTheDocument();
  });

  it('needs at least one role', async () => {
    const { user } = renderFragment('/admin/users', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'alice' });
    await user.click(screen.getByRole('button', { name: 'Change roles of Alice Martin' }));
    const editor = screen.getByRole('group', { name: 'Roles of Alice Martin' });
    await user.click(within(editor).getByRole('checkbox', { name: 'Customer' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one role.');
    expect(screen.getByRole('button', { name: 'Save roles' })).toBeDisabled();
  });

  it('shows why a change was refused', async () => {
    const { user } = renderFragment('/admin/users', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'admin' });
    await user.click(screen.getByRole('button', { name: 'Change roles of Ada Admin' }));
    const editor = screen.getByRole('group', { name: 'Roles of Ada Admin' });
    // Issue 15: the admin's own Admin box is locked, and says why.
    const ownAdmin = within(editor).getByRole('checkbox', { name: 'Admin' });
    expect(ownAdmin).toBeDisabled();
    expect(ownAdmin).toHaveAccessibleDescription('(you cannot remove your own admin role)');
    // The server still has the last word: a refusal it gives is shown.
    server.use(
      http.put('/api/admin/users/{id}/roles', ({ response }) =>
        response(422).json(errorBody('unprocessable', 'The roles were changed by someone else meanwhile.')),
      ),
    );
    await user.click(within(editor).getByRole('checkbox', { name: 'Customer' }));
    await user.click(screen.getByRole('button', { name: 'Save roles' }));
    await user.click(screen.getByRole('button', { name: 'Change roles' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The roles were not changed.');
    expect(alert).toHaveTextContent('The roles were changed by someone else meanwhile.');
  }, 30_000);

  it('creates a user, saying what the contract requires first', async () => {
    const { user } = renderFragment('/admin/users', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'bob' });
    const form = screen.getByRole('form', { name: 'Create a user' });
    await user.type(within(form).getByLabelText('Username'), 'Carol');
    await user.type(within(form).getByLabelText('Initial password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(within(form).getByLabelText('Username')).toHaveAccessibleErrorMessage(/lower-case letters/);
    expect(within(form).getByLabelText('Display name')).toHaveAccessibleErrorMessage('A name is required.');
    expect(within(form).getByLabelText('Initial password')).toHaveAccessibleErrorMessage(
      'At least 12 characters.',
    );
    expect(mockContext.db.state.createdUsers).toEqual([]);

    await user.clear(within(form).getByLabelText('Username'));
    await user.type(within(form).getByLabelText('Username'), 'carol');
    await user.type(within(form).getByLabelText('Display name'), 'Carol Teller');
    await user.type(within(form).getByLabelText('Initial password'), '-long-enough');
    await user.click(within(form).getByRole('checkbox', { name: 'Admin' }));
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User created')).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'carol' })).toBeInTheDocument();
    expect(mockContext.db.state.createdUsers).toEqual([
      expect.objectContaining({
        username: 'carol',
        displayName: 'Carol Teller',
        roles: ['customer', 'admin'],
      }),
    ]);
    expect(within(form).getByLabelText('Username')).toHaveValue('');
  });

  it('says when a username is taken', async () => {
    const { user } = renderFragment('/admin/users', { user: 'admin' });
    await screen.findByRole('rowheader', { name: 'bob' });
    const form = screen.getByRole('form', { name: 'Create a user' });
    await user.type(within(form).getByLabelText('Username'), 'bob');
    await user.type(within(form).getByLabelText('Display name'), 'Another Bob');
    await user.type(within(form).getByLabelText('Initial password'), 'a-long-password');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('The user was not created.');
    expect(alert).toHaveTextContent('The username bob is taken.');
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin/users', { user: 'bob' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
  });
});
