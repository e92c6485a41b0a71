import { describe, expect, it } from 'vitest';
import type { FragmentRecord } from '../registry/types.ts';
import { canAccess, isUnder, matchFragment, visibleNav } from './access.ts';
import { adminRecord, ordersRecord, strategiesRecord } from '../test/records.ts';

const records: FragmentRecord[] = [ordersRecord(), strategiesRecord(), adminRecord()];
const customer = { roles: ['customer' as const] };
const admin = { roles: ['admin' as const] };

describe('matchFragment', () => {
  it('routes by prefix, the longest prefix winning', () => {
    expect(matchFragment('/orders/o1', records)?.name).toBe('orders');
    expect(matchFragment('/admin/strategies/s1', records)?.name).toBe('strategies');
    expect(matchFragment('/admin/users', records)?.name).toBe('admin');
    expect(matchFragment('/administrator', records)).toBeNull();
    expect(matchFragment('/nowhere', records)).toBeNull();
  });
});

describe('canAccess', () => {
  it("enforces the fragment's role and the role of the nav area covering the path", () => {
    expect(canAccess(customer, ordersRecord(), '/trade')).toBe(true);
    expect(canAccess(admin, ordersRecord(), '/trade')).toBe(false);
    expect(canAccess(customer, strategiesRecord(), '/strategies/s1')).toBe(true);
    expect(canAccess(customer, strategiesRecord(), '/admin/strategies')).toBe(false);
    expect(canAccess(admin, strategiesRecord(), '/admin/strategies/new')).toBe(true);
    expect(canAccess(customer, adminRecord(), '/admin')).toBe(false);
  });
});

describe('visibleNav', () => {
  it('shows a customer the customer entries only', () => {
    expect(visibleNav(customer, records).map((e) => e.label)).toEqual([
      'Portfolio',
      'Trade',
      'Orders',
      'Strategies',
    ]);
  });

  it('shows an admin the admin entries only', () => {
    expect(visibleNav(admin, records).map((e) => e.label)).toEqual(['Manage strategies', 'Admin']);
  });
});

describe('isUnder', () => {
  it('matches the prefix itself and paths below it only', () => {
    expect(isUnder('/admin', '/admin/')).toBe(true);
    expect(isUnder('/admin/x', '/admin')).toBe(true);
    expect(isUnder('/adminx', '/admin')).toBe(false);
  });
});
