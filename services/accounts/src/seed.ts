import type { Queryable } from '@simplebank/service-kit';

/** Demo data of the embedded default: customers alice and bob (the BFF maps users to these ids). */
export const seedCustomers = [
  {
    id: 'c-alice',
    name: 'Alice Anderson',
    accounts: [
      {
        id: 'a-alice-1',
        name: 'Alice Brokerage',
        currency: 'USD',
        cashMinor: 10_000_000,
        holdings: { ACME: '50', GLBX: '20', EUR: '1000' },
        // cost basis (minor units) of each seeded holding: bought a while ago, at other prices
        costs: { ACME: 550_000, GLBX: 182_000, EUR: 105_000 } as Record<string, number>,
      },
      {
        id: 'a-alice-2',
        name: 'Alice Retirement',
        currency: 'USD',
        cashMinor: 2_500_000,
        holdings: { WRLD: '100', UST10: '10' },
        costs: { WRLD: 940_000, UST10: 98_250 } as Record<string, number>,
      },
    ],
  },
  {
    id: 'c-bob',
    name: 'Bob Brown',
    accounts: [
      {
        id: 'a-bob-1',
        name: 'Bob Brokerage',
        currency: 'USD',
        cashMinor: 5_000_000,
        holdings: { ACME: '10', DIVI: '40' },
        costs: { ACME: 131_000, DIVI: 210_000 } as Record<string, number>,
      },
    ],
  },
];

/** Idempotent: a restart finds the rows and leaves them (and what happened to them) alone. */
export async function seedAccounts(tx: Queryable): Promise<void> {
  for (const customer of seedCustomers) {
    const inserted = await tx.query(
      'INSERT INTO customers (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
      [customer.id, customer.name],
    );
    if (inserted.length === 0) continue;
    for (const account of customer.accounts) {
      await tx.query(
        'INSERT INTO accounts (id, customer_id, name, currency, cash_available_minor) VALUES ($1, $2, $3, $4, $5)',
        [account.id, customer.id, account.name, account.currency, account.cashMinor],
      );
      await tx.query(
        `INSERT INTO ledger (account_id, kind, amount_minor, reference) VALUES ($1, 'opening_balance', $2, 'seed')`,
        [account.id, account.cashMinor],
      );
      for (const [assetId, quantity] of Object.entries(account.holdings)) {
        await tx.query(
          'INSERT INTO holdings (account_id, asset_id, quantity, cost_basis_minor) VALUES ($1, $2, $3, $4)',
          [account.id, assetId, quantity, account.costs[assetId] ?? 0],
        );
        await tx.query(
          `INSERT INTO ledger (account_id, kind, amount_minor, asset_id, quantity, reference) VALUES ($1, 'opening_balance', 0, $2, $3, 'seed')`,
          [account.id, assetId, quantity],
        );
      }
    }
  }
}
