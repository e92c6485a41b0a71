import { errorBody, http, mockContext, server } from '@simplebank/mocks/node';
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

async function fillLine(user: UserEvent, n: number, assetId: string, percentage: string) {
  if (!screen.queryByLabelText(`Asset ${n}`))
    await user.click(screen.getByRole('button', { name: 'Add asset' }));
  await user.selectOptions(screen.getByLabelText(`Asset ${n}`), assetId);
  const field = screen.getByLabelText(`Percentage ${n}`);
  await user.clear(field);
  await user.type(field, percentage);
}

async function fillDetails(user: UserEvent, name = 'Sixty Forty') {
  await user.type(await screen.findByLabelText('Name'), name);
  await user.selectOptions(screen.getByLabelText('Risk level'), 'medium');
  await user.type(screen.getByLabelText('Time horizon'), '5+ years');
}

const total = () => screen.getByRole('status', { name: 'Allocation total' });

describe('/admin/strategies/new', () => {
  it('keeps a live total and refuses a total other than 100, a duplicate asset and a 0% line, per field', async () => {
    let posted = 0;
    server.use(
      http.post('/api/strategies', ({ response }) => {
        posted += 1;
        return response(503).json(errorBody('unavailable', 'must not be called'));
      }),
    );
    const { user } = renderFragment('/admin/strategies/new', { user: 'admin' });
    await fillDetails(user);
    expect(total()).toHaveTextContent('Total 0% of 100%');
    await fillLine(user, 1, 'ast-abc', '60');
    expect(total()).toHaveTextContent('Total 60% of 100%');
    await fillLine(user, 2, 'ast-litw', '39');
    expect(total()).toHaveTextContent('Total 99% of 100%');

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The percentages add up to 99%; they must add up to exactly 100%.',
    );

    await fillLine(user, 2, 'ast-abc', '40');
    expect(screen.getByLabelText('Asset 2')).toHaveAccessibleDescription(
      'This asset is already in the strategy.',
    );
    expect(screen.getByLabelText('Asset 2')).toBeInvalid();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await fillLine(user, 2, 'ast-litw', '40');
    await fillLine(user, 3, 'ast-cnts', '0');
    expect(screen.getByLabelText('Percentage 3')).toHaveAccessibleDescription('Must be more than 0%.');
    await fillLine(user, 3, 'ast-cnts', 'abc');
    expect(screen.getByLabelText('Percentage 3')).toHaveAccessibleDescription(
      'Enter a percentage, such as 12.5.',
    );
    await user.click(screen.getByRole('button', { name: 'Remove asset 3' }));
    expect(total()).toHaveTextContent('Total 100% of 100%');
    expect(posted).toBe(0);
  });

  it('asks for a name, a risk level and a horizon', async () => {
    const { user } = renderFragment('/admin/strategies/new', { user: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Save draft' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter a name.');
    expect(screen.getByLabelText('Risk level')).toHaveAccessibleDescription('Choose a risk level.');
    expect(screen.getByLabelText('Time horizon')).toHaveAccessibleDescription(/Enter a time horizon/);
    expect(screen.getByLabelText('Asset 1')).toHaveAccessibleDescription('Choose an asset.');
  });

  it('creates a draft and shows it in the list at once, confirmed by the server', async () => {
    const { user } = renderFragment('/admin/strategies', { user: 'admin' });
    await screen.findByRole('table', { name: 'Drafts' });
    await user.click(screen.getByRole('link', { name: 'New strategy' }));
    await fillDetails(user);
    await fillLine(user, 1, 'ast-abc', '60');
    await fillLine(user, 2, 'ast-litw', '40');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    const drafts = await screen.findByRole('table', { name: 'Drafts' });
    expect(within(drafts).getByRole('rowheader', { name: 'Sixty Forty' })).toBeInTheDocument();
    expect(await within(drafts).findByRole('button', { name: 'Publish Sixty Forty' })).toBeEnabled();
    const saved = mockContext.db.state.strategies.find((s) => s.name === 'Sixty Forty');
    expect(saved).toMatchObject({
      status: 'draft',
      riskLevel: 'medium',
      timeHorizon: '5+ years',
      allocations: [
        { assetId: 'ast-abc', percentage: '60' },
        { assetId: 'ast-litw', percentage: '40' },
      ],
    });
  });

  it("shows the server's refusal next to the field it concerns", async () => {
    server.use(
      http.post('/api/strategies', ({ response }) =>
        response(422).json(
          errorBody('strategy_rules', 'The strategy breaks a rule.', [
            { field: 'body.allocations.1.assetId', reason: 'Unknown asset.' },
          ]),
        ),
      ),
    );
    const { user } = renderFragment('/admin/strategies/new', { user: 'admin' });
    await fillDetails(user);
    await fillLine(user, 1, 'ast-abc', '60');
    await fillLine(user, 2, 'ast-litw', '40');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The strategy breaks a rule.');
    expect(screen.getByLabelText('Asset 2')).toHaveAccessibleDescription('Unknown asset.');
  });

  it('tells a customer they are not allowed, without loading anything', async () => {
    renderFragment('/admin/strategies/new', { user: 'alice' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
    expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
  });
});

describe('/admin/strategies/:id/edit', () => {
  it('edits a draft with its current values and saves with the version it read', async () => {
    const { user } = renderFragment('/admin/strategies/str-tech/edit', { user: 'admin' });
    const name = await screen.findByLabelText('Name');
    expect(name).toHaveValue('Tech Leaders');
    expect(screen.getByLabelText('Percentage 1')).toHaveValue('35');
    expect(total()).toHaveTextContent('Total 100% of 100%');
    await user.clear(name);
    await user.type(name, 'Tech Leaders II');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const drafts = await screen.findByRole('table', { name: 'Drafts' });
    expect(await within(drafts).findByRole('rowheader', { name: 'Tech Leaders II' })).toBeInTheDocument();
    // The mock refuses a stale expectedVersion with 409, so reaching version 5 proves it sent 4.
    expect(mockContext.db.state.strategies.find((s) => s.id === 'str-tech')).toMatchObject({
      name: 'Tech Leaders II',
      version: 5,
    });
  });

  it('says a published strategy cannot be edited', async () => {
    renderFragment('/admin/strategies/str-balanced/edit', { user: 'admin' });
    expect(await screen.findByText('Only drafts can be edited')).toBeInTheDocument();
    expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
  });

  it('reports a conflict when someone else saved meanwhile', async () => {
    server.use(
      http.put('/api/strategies/{id}', ({ response }) =>
        response(409).json(
          errorBody('stale_version', 'Someone changed this strategy meanwhile; reload it and try again.'),
        ),
      ),
    );
    const { user } = renderFragment('/admin/strategies/str-tech/edit', { user: 'admin' });
    await user.type(await screen.findByLabelText('Description'), ' More.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone changed this strategy meanwhile');
    expect(screen.getByLabelText('Name')).toBeInTheDocument();
  });
});
