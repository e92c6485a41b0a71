import { buildOrder } from '@simplebank/mocks';
import { describe, expect, it } from 'vitest';
import { rememberOrder, type KnownOrders } from './known-orders.ts';
import {
  applyOrderUpdate,
  mergeKnownOrders,
  optimisticId,
  optimisticOrder,
  revertOrder,
  type OrderPage,
} from './orders.ts';

const placed = buildOrder({ id: 'o-1', accountId: 'acc-alice-1', assetId: 'ast-abc', status: 'placed' });
const page: OrderPage = { items: [placed], page: 1, size: 20, total: 1 };

describe('applyOrderUpdate', () => {
  it('replaces an order only with a newer version', () => {
    const completed = { ...placed, status: 'completed' as const, version: placed.version + 1 };
    expect(applyOrderUpdate(page, completed, { page: 1 }).items[0]?.status).toBe('completed');
    const older = { ...placed, status: 'pending' as const, version: placed.version - 1 };
    expect(applyOrderUpdate(page, older, { page: 1 })).toBe(page);
  });

  it('puts a new order on top of page 1 once, never on later pages', () => {
    const fresh = buildOrder({ id: 'o-2', accountId: 'acc-alice-1', assetId: 'ast-abc' });
    const once = applyOrderUpdate(page, fresh, { page: 1 });
    expect(once.items.map((o) => o.id)).toEqual(['o-2', 'o-1']);
    expect(applyOrderUpdate(once, fresh, { page: 1 }).items).toHaveLength(2);
    expect(applyOrderUpdate(page, fresh, { page: 2 })).toBe(page);
  });

  it('drops an order from a status filter it no longer matches', () => {
    const completed = { ...placed, status: 'completed' as const, version: placed.version + 1 };
    const filtered = applyOrderUpdate(page, completed, { page: 1, status: 'placed' });
    expect(filtered.items).toEqual([]);
    expect(filtered.total).toBe(0);
  });
});

describe('optimistic rows', () => {
  const request = {
    accountId: 'acc-alice-1',
    assetId: 'ast-abc',
    side: 'buy' as const,
    type: 'market' as const,
    quantity: '5',
  };

  it('are replaced in place by the real order of the same ticket, never shown twice', () => {
    const optimistic = optimisticOrder(request, 'key-12345678');
    const withRow = applyOrderUpdate(page, optimistic, { page: 1 });
    expect(withRow.items.map((o) => o.id)).toEqual([optimisticId('key-12345678'), 'o-1']);
    const real = buildOrder({ id: 'o-9', accountId: 'acc-alice-1', assetId: 'ast-abc', status: 'reserved' });
    const confirmed = applyOrderUpdate(withRow, { ...real, idempotencyKey: 'key-12345678' }, { page: 1 });
    expect(confirmed.items.map((o) => o.id)).toEqual(['o-9', 'o-1']);
    expect(confirmed.total).toBe(2);
    expect(applyOrderUpdate(confirmed, optimistic, { page: 1 }).items).toHaveLength(2);
  });

  it('survive a refetch from a lagging read model until it reports that version', () => {
    const known: KnownOrders = new Map();
    const real = { ...buildOrder({ id: 'o-9', accountId: 'acc-alice-1', assetId: 'ast-abc' }), version: 3 };
    rememberOrder(known, optimisticOrder(request, 'key-12345678'));
    rememberOrder(known, { ...real, idempotencyKey: 'key-12345678' });
    expect([...known.keys()]).toEqual(['o-9']);
    expect(mergeKnownOrders(page, known, { page: 1 }).items.map((o) => o.id)).toEqual(['o-9', 'o-1']);
    const caughtUp = {
      ...page,
      items: [{ ...real, status: 'completed' as const, version: 4 }, placed],
      total: 2,
    };
    expect(mergeKnownOrders(caughtUp, known, { page: 1 })).toBe(caughtUp);
    expect(known.size).toBe(0);
  });

  it('revert a cancel only while nothing newer has arrived', () => {
    const cancelling = { ...placed, status: 'cancelling' as const };
    const shown = { ...page, items: [cancelling] };
    expect(revertOrder(shown, cancelling, placed).items[0]?.status).toBe('placed');
    const newer = {
      ...page,
      items: [{ ...placed, status: 'cancelled' as const, version: placed.version + 1 }],
    };
    expect(revertOrder(newer, cancelling, placed)).toBe(newer);
  });
});
