import { errorBody, holdAnswer, http, mockContext, seedStrategies, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

describe('/strategies for customers', () => {
  it('shows the published strategies with their allocations, never drafts', async () => {
    renderFragment('/strategies');
    expect(screen.getByRole('status')).toHaveTextContent('Loading strategies…');
    const balanced = await screen.findByRole('region', { name: 'Balanced Growth' });
    expect(within(balanced).getByText('Medium risk')).toBeInTheDocument();
    const allocations = within(balanced).getByRole('list', { name: 'Allocations of Balanced Growth' });
    const items = await waitFor(() => {
      const texts = within(allocations)
        .getAllByRole('listitem')
        .map((item) => item.textContent);
      expect(texts[0]).toContain('SBWE');
      return texts;
    });
    expect(items).toEqual([
      'SBWE SimpleBank World Equity Fund40%',
      'SBGB SimpleBank Global Bond Fund30%',
      'UST10 US Treasury 4.25% 203520%',
      'GREN Green Energy Transition Fund10%',
    ]);
    expect(screen.getByRole('region', { name: 'Steady Income' })).toHaveTextContent('12.5%');
    expect(screen.queryByRole('region', { name: 'Tech Leaders' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(2);
  });

  it('shows a strategy as soon as it is published, and drops a retired one', async () => {
    const { services } = renderFragment('/strategies');
    await screen.findByRole('region', { name: 'Balanced Growth' });
    const [balanced, , tech] = seedStrategies();
    act(() =>
      services.realtime.publish('strategies', { ...tech!, status: 'published', version: tech!.version + 1 }),
    );
    expect(await screen.findByRole('region', { name: 'Tech Leaders' })).toBeInTheDocument();
    act(() =>
      services.realtime.publish('strategies', {
        ...balanced!,
        status: 'retired',
        version: balanced!.version + 1,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Balanced Growth' })).not.toBeInTheDocument(),
    );
  });

  it('shows a strategy published while the list was first being read, though the read answers without it', async () => {
    const [balanced, income, tech] = seedStrategies();
    const published = { ...tech!, status: 'published' as const, version: tech!.version + 1 };
    const { answered, answer } = holdAnswer();
    let reads = 0;
    server.use(
      http.get('/api/strategies', async ({ response }) => {
        reads += 1;
        if (reads > 1) return response(200).json({ items: [balanced!, income!, published] });
        await answered; // taken before the publication
        return response(200).json({ items: [balanced!, income!] });
      }),
    );
    const { services } = renderFragment('/strategies');
    await waitFor(() => expect(reads).toBe(1));
    act(() => services.realtime.publish('strategies', published));
    answer();

    expect(await screen.findByRole('region', { name: 'Tech Leaders' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(3);
  });

  it('keeps a strategy retired while the list was being read again, though the read answers with it', async () => {
    const [balanced, income] = seedStrategies();
    const retired = { ...balanced!, status: 'retired' as const, version: balanced!.version + 1 };
    const { answered, answer } = holdAnswer();
    let reads = 0;
    server.use(
      http.get('/api/strategies', async ({ response }) => {
        const read = (reads += 1);
        if (read === 2) await answered; // the resync's read, taken before the retirement
        return response(200).json({ items: read < 3 ? [balanced!, income!] : [income!] });
      }),
    );
    const { services } = renderFragment('/strategies');
    await screen.findByRole('region', { name: 'Balanced Growth' });
    act(() => services.realtime.publish('resync', { version: 1 }));
    await waitFor(() => expect(reads).toBe(2));
    act(() => services.realtime.publish('strategies', retired));
    answer();

    await waitFor(() => expect(reads).toBe(3));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Balanced Growth' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('region', { name: 'Steady Income' })).toBeInTheDocument();
  });

  it('says when nothing is published yet', async () => {
    server.use(http.get('/api/strategies', ({ response }) => response(200).json({ items: [] })));
    renderFragment('/strategies');
    expect(await screen.findByText('No strategies are available yet')).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    server.use(
      http.get(
        '/api/strategies',
        ({ response }) => response(503).json(errorBody('unavailable', 'Strategies service is unavailable.')),
        { once: true },
      ),
    );
    const { user } = renderFragment('/strategies');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the strategies.');
    expect(alert).toHaveTextContent('Strategies service is unavailable.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Balanced Growth' })).toBeInTheDocument();
  });
});

describe('/strategies after a gap in pushes', () => {
  it('refetches when the server asks for a resync', async () => {
    const { services } = renderFragment('/strategies');
    await screen.findByRole('region', { name: 'Balanced Growth' });
    const tech = mockContext.db.state.strategies.find((s) => s.id === 'str-tech')!;
    tech.status = 'published'; // published while this page missed the push
    act(() => services.realtime.publish('resync', { version: 1 }));
    expect(await screen.findByRole('region', { name: 'Tech Leaders' })).toBeInTheDocument();
  });
});
