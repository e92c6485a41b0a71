import type { FragmentRecord } from '../registry/types.ts';

// Registry records as GET /api/fragments returns them, for tests.
const candidate = (name: string, version = '1.0.0-aaaaaaaaaa', contractVersion = '2.0.0') => ({
  version,
  contractVersion,
  manifestUrl: `/fragments/${name}/${version}/mf-manifest.json`,
});

export function ordersRecord(overrides: Partial<FragmentRecord> = {}): FragmentRecord {
  return {
    name: 'orders',
    title: 'Orders',
    routes: ['/trade', '/orders', '/portfolio'],
    nav: [
      { label: 'Portfolio', path: '/portfolio' },
      { label: 'Trade', path: '/trade' },
      { label: 'Orders', path: '/orders' },
    ],
    requiredRole: 'customer',
    channel: 'active',
    candidates: [candidate('orders')],
    ...overrides,
  };
}

export function strategiesRecord(overrides: Partial<FragmentRecord> = {}): FragmentRecord {
  return {
    name: 'strategies',
    title: 'Strategies',
    routes: ['/strategies', '/admin/strategies'],
    nav: [
      { label: 'Strategies', path: '/strategies', requiredRole: 'customer' },
      { label: 'Manage strategies', path: '/admin/strategies', requiredRole: 'admin' },
    ],
    requiredRole: null,
    channel: 'active',
    candidates: [candidate('strategies')],
    ...overrides,
  };
}

export function adminRecord(overrides: Partial<FragmentRecord> = {}): FragmentRecord {
  return {
    name: 'admin',
    title: 'Admin',
    routes: ['/admin'],
    nav: [{ label: 'Admin', path: '/admin' }],
    requiredRole: 'admin',
    channel: 'active',
    candidates: [candidate('admin')],
    ...overrides,
  };
}

export { candidate };
