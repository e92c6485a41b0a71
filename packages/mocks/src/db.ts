// The mocks' in-memory "backend": one mutable copy of the fixtures per MockDb, so a test that
// places an order does not leak it into the next test (call reset()).
import type {
  Account,
  Asset,
  FragmentAdminRecord,
  FragmentBuild,
  Holding,
  Investment,
  Order,
  SessionUser,
  Strategy,
} from './types.ts';
import {
  seedAccounts,
  seedAssets,
  seedHoldings,
  seedOrders,
  seedRegistry,
  seedStrategies,
} from './fixtures/index.ts';

export interface MockState {
  assets: Asset[];
  accounts: Account[];
  holdings: Holding[];
  /** The orders read model: what GET /api/orders answers (it may lag behind `orders`). */
  orderViews: Order[];
  /** The command side: the latest state of every order. */
  orders: Order[];
  strategies: Strategy[];
  investments: Investment[];
  registry: FragmentAdminRecord[];
  registryRevision: number;
  flags: Record<string, boolean>;
  /** Flags that are on only for some roles (bff.yaml AdminFlagSet.targeting). */
  flagTargeting: Record<string, ('customer' | 'admin')[]>;
  flagsVersion: number;
  /** Idempotency key → investment id. */
  investmentKeys: Record<string, string>;
  /** Users created through the admin API, after the demo users. */
  createdUsers: SessionUser[];
  /** Fragment builds reported by the shell (PUT /api/session/builds), one per user here: the mock has one session. */
  reportedBuilds: Record<string, { reportedAt: string; fragments: FragmentBuild[] }>;
  /** Roles changed through the admin API (user id → roles). */
  roleOverrides: Record<string, ('customer' | 'admin')[]>;
  /** Cash reserved per open buy order (order id → amount). */
  reservations: Record<string, string>;
  /** When false, prices are "unavailable": the portfolio has no valuations and assets are stale. */
  pricesAvailable: boolean;
}

function seed(): MockState {
  const orders = seedOrders();
  return {
    assets: seedAssets(),
    accounts: seedAccounts(),
    holdings: seedHoldings(),
    orderViews: structuredClone(orders),
    orders,
    strategies: seedStrategies(),
    investments: [],
    investmentKeys: {},
    roleOverrides: {},
    reportedBuilds: {},
    createdUsers: [],
    registry: seedRegistry(),
    registryRevision: 12,
    flags: { 'orders.limitOrders': true, 'strategies.invest': true },
    flagTargeting: {},
    flagsVersion: 1,
    // ord-1011, alice's placed limit buy of 20 CNTS at 31.15, holds 623.00 + 1.00 fee: all her reserved cash.
    reservations: { 'ord-1011': '624.00' },
    pricesAvailable: true,
  };
}

export interface MockDb {
  state: MockState;
  /** Back to the fixtures. */
  reset(): void;
  asset(id: string): Asset | undefined;
  accountsOf(customerId: string): Account[];
}

export function createMockDb(): MockDb {
  const db: MockDb = {
    state: seed(),
    reset() {
      db.state = seed();
    },
    asset: (id) => db.state.assets.find((asset) => asset.id === id),
    accountsOf: (customerId) => db.state.accounts.filter((account) => account.customerId === customerId),
  };
  return db;
}
