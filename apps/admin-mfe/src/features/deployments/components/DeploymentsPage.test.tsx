import { errorBody, holdAnswer, http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { PLATFORM_CONTRACT_VERSION } from '@simplebank/platform';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

/** The value of a labelled figure (dt/dd) in a region. */
const stat = (region: HTMLElement, label: string) =>
  within(region)
    .getAllByRole('term')
    .find((term) => term.textContent === label)?.nextElementSibling;

describe('/admin/fragments', () => {
  it('shows each fragment with its versions, active, canary and who deployed when', async () => {
    renderFragment('/admin/fragments', { user: 'admin' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading deployments…');
    const orders = await screen.findByRole('region', { name: 'orders' });
    expect(stat(orders, 'Active version')).toHaveTextContent('1.2.0-77a8c0de31');
    expect(stat(orders, 'Canary')).toHaveTextContent('1.3.0-9c1e7b2a44 to 10% of users');
    const versions = within(orders).getByRole('table', { name: 'Versions of orders' });
    const canaryRow = within(versions).getByRole('rowheader', { name: '1.3.0-9c1e7b2a44' }).closest('tr')!;
    expect(within(canaryRow).getByText('Canary 10%')).toBeInTheDocument();
    const activeRow = within(versions).getByRole('rowheader', { name: '1.2.0-77a8c0de31' }).closest('tr')!;
    expect(within(activeRow).getByText('Active')).toBeInTheDocument();
    const history = within(orders).getAllByRole('table', { name: 'Activation history of orders' })[0]!;
    const latest = within(history).getAllByRole('row')[1]!;
    expect(latest).toHaveTextContent('Rolled back');
    expect(latest).toHaveTextContent('u-admin');
    expect(within(history).getAllByRole('row')[2]).toHaveTextContent('Deploy command (token)');
    expect(stat(screen.getByRole('region', { name: 'admin' }), 'Canary')).toHaveTextContent('None');
    expect(screen.getByRole('heading', { level: 1 }).nextElementSibling).toHaveTextContent(
      'Registry revision 12',
    );
  });

  it('updates live when someone deploys', async () => {
    const { services } = renderFragment('/admin/fragments', { user: 'admin' });
    const strategies = await screen.findByRole('region', { name: 'strategies' });
    // Someone else deploys: the registry changes, then the BFF pushes (docs/CONTRACTS.md shape).
    const state = mockContext.db.state;
    const record = state.registry.find((r) => r.name === 'strategies')!;
    const before = record.active;
    record.active = '1.0.0-e4d3c2b1a0';
    state.registryRevision = 13;
    act(() =>
      services.realtime.publish('deployments', {
        version: 13,
        name: 'strategies',
        active: record.active,
        canary: null,
      }),
    );
    expect(await screen.findByText(/Registry revision 13/)).toBeInTheDocument();
    expect(stat(strategies, 'Active version')).toHaveTextContent('1.0.0-e4d3c2b1a0');
    // An older change arriving late is ignored.
    act(() =>
      services.realtime.publish('deployments', {
        version: 12,
        name: 'strategies',
        active: before,
        canary: null,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stat(strategies, 'Active version')).toHaveTextContent('1.0.0-e4d3c2b1a0');
  });

  it('shows a deploy pushed while the page was first reading the registry', async () => {
    const state = mockContext.db.state;
    const contractVersion = PLATFORM_CONTRACT_VERSION;
    const before = {
      contractVersion,
      revision: state.registryRevision,
      fragments: structuredClone(state.registry),
    };
    const { answered, answer } = holdAnswer();
    let reads = 0;
    server.use(
      http.get('/api/admin/fragments', async ({ response }) => {
        reads += 1;
        if (reads > 1)
          return response(200).json({
            contractVersion,
            revision: state.registryRevision,
            fragments: state.registry,
          });
        await answered; // taken before the deploy
        return response(200).json(before);
      }),
    );
    const { services } = renderFragment('/admin/fragments', { user: 'admin' });
    await waitFor(() => expect(reads).toBe(1));
    const record = state.registry.find((r) => r.name === 'strategies')!;
    record.active = '1.0.0-e4d3c2b1a0';
    state.registryRevision = before.revision + 1;
    act(() =>
      services.realtime.publish('deployments', {
        version: state.registryRevision,
        name: 'strategies',
        active: record.active,
        canary: null,
      }),
    );
    answer();

    expect(
      await screen.findByText(`Registry revision ${state.registryRevision}`, { exact: false }),
    ).toBeInTheDocument();
    expect(stat(screen.getByRole('region', { name: 'strategies' }), 'Active version')).toHaveTextContent(
      '1.0.0-e4d3c2b1a0',
    );
  });

  it('explains an empty registry', async () => {
    server.use(
      http.get('/api/admin/fragments', ({ response }) =>
        response(200).json({ contractVersion: '1.0.0', revision: 0, fragments: [] }),
      ),
    );
    renderFragment('/admin/fragments', { user: 'admin' });
    expect(await screen.findByText('No fragment has been deployed yet')).toBeInTheDocument();
  });

  it('shows an error when the registry cannot be read', async () => {
    server.use(
      http.get('/api/admin/fragments', ({ response }) =>
        response(403).json(errorBody('forbidden', 'Your session has no admin role.')),
      ),
    );
    renderFragment('/admin/fragments', { user: 'admin' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the fragment registry.');
    expect(alert).toHaveTextContent('Your session has no admin role.');
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin/fragments', { user: 'alice' });
    expect(screen.getByRole('heading', { level: 1, name: 'Fragment deployments' })).toBeInTheDocument();
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });
});

describe('/admin/fragments commands', () => {
  it('rolls back after a confirmation, with the revision on screen', async () => {
    const { user } = renderFragment('/admin/fragments', { user: 'admin' });
    const orders = await screen.findByRole('region', { name: 'orders' });
    await user.click(within(orders).getByRole('button', { name: 'Roll back orders' }));
    // Nothing changes until the admin confirms.
    expect(mockContext.db.state.registryRevision).toBe(12);
    const confirm = within(orders).getByRole('group', { name: 'Confirm change to orders' });
    expect(confirm).toHaveTextContent('Roll back orders from 1.2.0-77a8c0de31');
    await user.click(within(confirm).getByRole('button', { name: 'Confirm roll back' }));
    expect(await within(orders).findByText('orders was rolled back.')).toBeInTheDocument();
    expect(stat(orders, 'Active version')).toHaveTextContent('1.2.1-5d0f3e9a10');
    expect(screen.getByText(/Registry revision 13/)).toBeInTheDocument();
    expect(within(orders).queryByRole('group', { name: 'Confirm change to orders' })).not.toBeInTheDocument();
  });

  it('can cancel instead of confirming', async () => {
    const { user } = renderFragment('/admin/fragments', { user: 'admin' });
    const orders = await screen.findByRole('region', { name: 'orders' });
    await user.click(within(orders).getByRole('button', { name: 'Activate 1.3.0-9c1e7b2a44' }));
    await user.click(within(orders).getByRole('button', { name: 'Cancel' }));
    expect(within(orders).queryByRole('button', { name: 'Confirm activation' })).not.toBeInTheDocument();
    expect(mockContext.db.state.registryRevision).toBe(12);
  });

  it('sets a canary with a percentage', async () => {
    const { user } = renderFragment('/admin/fragments', { user: 'admin' });
    const strategies = await screen.findByRole('region', { name: 'strategies' });
    await user.selectOptions(
      within(strategies).getByLabelText('Canary version of strategies'),
      '1.0.0-e4d3c2b1a0',
    );
    const percent = within(strategies).getByLabelText('Canary percent of strategies');
    await user.clear(percent);
    await user.type(percent, '101');
    expect(within(strategies).getByRole('button', { name: 'Set canary' })).toBeDisabled();
    await user.clear(percent);
    await user.type(percent, '25');
    await user.click(within(strategies).getByRole('button', { name: 'Set canary' }));
    await user.click(within(strategies).getByRole('button', { name: 'Confirm canary' }));
    expect(
      await within(strategies).findByText('strategies 1.0.0-e4d3c2b1a0 is served to 25% of users.'),
    ).toBeInTheDocument();
    expect(stat(strategies, 'Canary')).toHaveTextContent('1.0.0-e4d3c2b1a0 to 25% of users');
  });

  it('refuses a change made against a stale revision and shows the current registry', async () => {
    const { user } = renderFragment('/admin/fragments', { user: 'admin' });
    const orders = await screen.findByRole('region', { name: 'orders' });
    await user.click(within(orders).getByRole('button', { name: 'Activate 1.3.0-9c1e7b2a44' }));
    mockContext.db.state.registryRevision = 14; // someone deployed after the page loaded
    await user.click(within(orders).getByRole('button', { name: 'Confirm activation' }));
    expect(await within(orders).findByRole('alert')).toHaveTextContent('The change to orders was not made.');
    expect(await screen.findByText(/Registry revision 14/)).toBeInTheDocument();
    expect(stat(orders, 'Active version')).toHaveTextContent('1.2.0-77a8c0de31');
  });
});

describe('/admin/fragments after a gap in pushes', () => {
  it('refetches the registry when the connection comes back', async () => {
    const { services } = renderFragment('/admin/fragments', { user: 'admin' });
    await screen.findByText(/Registry revision 12/);
    act(() => services.realtime.setState('disconnected'));
    mockContext.db.state.registryRevision = 20; // a deploy happened while the page was offline
    act(() => services.realtime.setState('connected'));
    expect(await screen.findByText(/Registry revision 20/)).toBeInTheDocument();
  });
});
