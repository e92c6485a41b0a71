import { errorBody, http, seedStrategies, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

const rowNames = (name: string) =>
  within(screen.getByRole('table', { name }))
    .queryAllByRole('rowheader')
    .map((cell) => cell.textContent);

/** A promise the test resolves when it wants the mocked server to answer. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('publishing and retiring from /admin/strategies', () => {
  it('moves a draft to Published at once, and keeps it there when the server confirms', async () => {
    const answer = gate();
    server.use(
      http.post('/api/strategies/{id}/publish', async () => {
        await answer.opened;
        return undefined; // fall through to the contract mock, which publishes it
      }),
    );
    const { user } = renderFragment('/admin/strategies', { user: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Publish Tech Leaders' }));
    await user.click(screen.getByRole('button', { name: 'Publish strategy' }));
    expect(rowNames('Published')).toContain('Tech Leaders');
    expect(rowNames('Drafts')).toEqual([]);
    answer.open();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Retire Tech Leaders' })).not.toHaveAttribute('aria-busy'),
    );
    expect(rowNames('Published')).toContain('Tech Leaders');
  });

  it('puts the row back and says why when the server refuses', async () => {
    const answer = gate();
    server.use(
      http.post('/api/strategies/{id}/retire', async ({ response }) => {
        await answer.opened;
        return response(409).json(errorBody('stale_version', 'Someone changed this strategy meanwhile.'));
      }),
    );
    const { user } = renderFragment('/admin/strategies', { user: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Retire Balanced Growth' }));
    await user.click(screen.getByRole('button', { name: 'Retire strategy' }));
    expect(rowNames('Retired')).toContain('Balanced Growth');
    answer.open();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Retiring Balanced Growth failed.Someone changed this strategy meanwhile.',
    );
    expect(rowNames('Published')).toContain('Balanced Growth');
    expect(rowNames('Retired')).toEqual(['Cautious 2025']);
  });

  it('asks before retiring, saying what is invested and what happens to the investors', async () => {
    const retires: string[] = [];
    server.use(
      http.post('/api/strategies/{id}/retire', ({ params }) => {
        retires.push(String(params.id));
        return undefined;
      }),
    );
    const { user } = renderFragment('/admin/strategies', { user: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Retire Balanced Growth' }));
    const question = screen.getByRole('alertdialog', { name: 'Retire Balanced Growth?' });
    expect(question).toHaveAccessibleDescription(
      '$48,250.00 is invested in Balanced Growth. Once retired, customers can no longer invest in it, and it cannot be published again.',
    );
    expect(question).toHaveTextContent('Its investors keep what they hold: nothing is sold');
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(rowNames('Published')).toContain('Balanced Growth');
    expect(retires).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Retire Balanced Growth' }));
    await user.click(screen.getByRole('button', { name: 'Retire strategy' }));
    expect(await screen.findByText('Balanced Growth is retired.')).toBeInTheDocument();
    expect(rowNames('Retired')).toContain('Balanced Growth');
    expect(retires).toHaveLength(1);
  });

  it('asks before publishing, saying customers see it at once and it can no longer be edited', async () => {
    const publishes: string[] = [];
    server.use(
      http.post('/api/strategies/{id}/publish', ({ params }) => {
        publishes.push(String(params.id));
        return undefined;
      }),
    );
    const { user } = renderFragment('/admin/strategies', { user: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Publish Tech Leaders' }));
    const question = screen.getByRole('alertdialog', { name: 'Publish Tech Leaders?' });
    expect(question).toHaveAccessibleDescription(
      'Every customer will see Tech Leaders and can invest in it at once. Once published it can no longer be edited, only retired.',
    );
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(rowNames('Drafts')).toContain('Tech Leaders');
    expect(rowNames('Published')).not.toContain('Tech Leaders');
    expect(publishes).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Publish Tech Leaders' }));
    await user.click(screen.getByRole('button', { name: 'Publish strategy' }));
    await waitFor(() => expect(rowNames('Published')).toContain('Tech Leaders'));
    expect(rowNames('Drafts')).toEqual([]);
    await waitFor(() => expect(publishes).toHaveLength(1));
  });

  it("shows another admin's changes as they are pushed, never an older version", async () => {
    const { services } = renderFragment('/admin/strategies', { user: 'admin' });
    await screen.findByRole('table', { name: 'Drafts' });
    const [balanced, , tech] = seedStrategies();
    act(() =>
      services.realtime.publish('strategies', { ...tech!, status: 'published', version: tech!.version + 1 }),
    );
    await waitFor(() => expect(rowNames('Published')).toContain('Tech Leaders'));
    // A late push of an older version changes nothing.
    act(() => services.realtime.publish('strategies', { ...tech!, status: 'draft' }));
    expect(rowNames('Drafts')).toEqual([]);
    // A new draft by someone else appears; the invested amount of a pushed strategy is kept.
    act(() =>
      services.realtime.publish('strategies', {
        ...tech!,
        id: 'str-other',
        name: 'Someone else’s draft',
        status: 'draft',
        version: 1,
      }),
    );
    act(() => {
      const { totalInvested: _admins, ...pushed } = balanced!;
      services.realtime.publish('strategies', {
        ...pushed,
        name: 'Balanced Growth 2',
        version: balanced!.version + 1,
      });
    });
    await waitFor(() => expect(rowNames('Drafts')).toEqual(['Someone else’s draft']));
    const row = screen.getByRole('rowheader', { name: 'Balanced Growth 2' }).closest('tr')!;
    expect(within(row).getByRole('cell', { name: '$48,250.00' })).toBeInTheDocument();
  });
});
