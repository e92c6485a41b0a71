import { buildOrder } from '@simplebank/mocks';
import { describe, expect, it } from 'vitest';
import { applyOrderUpdate, type OrderPage } from './orders.ts';

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
