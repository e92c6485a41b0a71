import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InProcessBackbone,
  createMessage,
  type AnyEnvelope,
  type MessageData,
  type MessageType,
} from '@simplebank/events';
import { createLogger, injectAs, testTrust } from '@simplebank/service-kit';
import { costBasisRemoved } from './commands.ts';
import { startAccountsService, type RunningAccountsService } from './service.ts';

const logger = createLogger('accounts-test', 'silent');
let bus: InProcessBackbone;
let service: RunningAccountsService;
const seen: AnyEnvelope[] = [];

beforeAll(async () => {
  bus = new InProcessBackbone({ redeliveryDelayMs: 10 });
  await bus.subscribe({
    consumer: 'probe',
    subjects: ['evt.accounts.>'],
    handler: async (m) => void seen.push(m),
  });
  service = await startAccountsService({
    bus,
    database: { dataDir: 'memory://' },
    seed: true,
    depositDelayMs: 100,
    logger,
    trust: await testTrust('accounts'),
  });
});
afterAll(async () => {
  await service.stop();
  await bus.close();
});

/** A call as the BFF makes it for a customer (signed service token). */
const inject = (method: 'GET' | 'POST', url: string, payload?: object, headers?: Record<string, string>) =>
  injectAs('customer', service.app, {
    method,
    url,
    ...(payload ? { payload } : {}),
    ...(headers ? { headers } : {}),
  });

async function send<T extends MessageType>(type: T, data: MessageData<T>) {
  const message = createMessage(type, data, { source: 'test' });
  await bus.publish(message);
  return message;
}

/** The first accounts event of this type about this order. */
async function reply(type: MessageType, orderId: string, after = 0) {
  let found: AnyEnvelope | undefined;
  await expect
    .poll(
      () =>
        (found = seen
          .slice(after)
          .find((m) => m.type === type && (m.data as { orderId?: string }).orderId === orderId)),
    )
    .toBeDefined();
  return found!;
}

const account = async (id: string) =>
  (await inject('GET', `/accounts/${id}`)).json() as {
    cashAvailableMinor: number;
    cashReservedMinor: number;
  };

describe('accounts HTTP', () => {
  it('lists customers with their accounts, paged', async () => {
    const res = await inject('GET', '/customers?page=1&size=1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].id).toBe('c-alice');
    expect(body.items[0].accounts.map((a: { id: string }) => a.id)).toEqual(['a-alice-1', 'a-alice-2']);
  });

  it('searches customers by name or id, case-insensitively, on the server', async () => {
    const byName = (await inject('GET', '/customers?search=ALI')).json();
    expect(byName.total).toBe(1);
    expect(byName.items.map((c: { id: string }) => c.id)).toEqual(['c-alice']);
    expect(byName.items[0].accounts).toHaveLength(2);
    const byId = (await inject('GET', '/customers?search=c-BO&page=1&size=5')).json();
    expect(byId.items.map((c: { id: string }) => c.id)).toEqual(['c-bob']);
    const paged = (await inject('GET', '/customers?search=c-&page=2&size=1')).json();
    expect(paged).toMatchObject({ page: 2, size: 1, total: 2 });
    expect(paged.items.map((c: { id: string }) => c.id)).toEqual(['c-bob']);
    // LIKE wildcards are matched literally, not as patterns.
    expect((await inject('GET', '/customers?search=%25')).json()).toMatchObject({ total: 0, items: [] });
    expect((await inject('GET', '/customers?search=c_alice')).json().total).toBe(0);
    expect((await inject('GET', '/customers?search=nobody')).json()).toMatchObject({ total: 0, items: [] });
  });

  it('returns accounts and holdings in bulk, without N+1', async () => {
    const accounts = (await inject('GET', '/accounts?ids=a-alice-1,a-bob-1')).json();
    expect(accounts.items.map((a: { id: string }) => a.id)).toEqual(['a-alice-1', 'a-bob-1']);
    expect(accounts.items[0].cashAvailableMinor).toBe(10_000_000);
    const byCustomer = (await inject('GET', '/accounts?customerIds=c-bob')).json();
    expect(byCustomer.items).toHaveLength(1);
    const holdings = (await inject('GET', '/holdings?accountIds=a-alice-1,a-bob-1')).json();
    expect(holdings.items).toContainEqual({
      accountId: 'a-alice-1',
      assetId: 'ACME',
      quantity: '50',
      reservedQuantity: '0',
      costBasisMinor: 550_000,
      averagePrice: '110',
    });
  });

  it('answers unknown ids with 404 and bad input with 400 naming the field', async () => {
    expect((await inject('GET', '/accounts/nope')).statusCode).toBe(404);
    expect((await inject('GET', '/customers/nope')).json().error).toBe('NOT_FOUND');
    const bad = await inject(
      'POST',
      '/payments',
      { accountId: 'a-bob-1', amountMinor: -5, method: 'wire' },
      { 'idempotency-key': 'k' },
    );
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['amountMinor', 'method']));
    const missingKey = await inject('POST', '/payments', {
      accountId: 'a-bob-1',
      amountMinor: 5,
      method: 'cash',
    });
    expect(missingKey.statusCode).toBe(400);
    expect(missingKey.json().details[0].field).toBe('headers:idempotency-key');
  });

  it('refuses a payment from a caller without a service token, and credits nothing', async () => {
    const before = (await account('a-bob-1')).cashAvailableMinor;
    const anonymous = await service.app.inject({
      method: 'POST',
      url: '/payments',
      headers: { 'idempotency-key': randomUUID(), 'x-user-id': 'u-bob' },
      payload: { accountId: 'a-bob-1', amountMinor: 1_000_000, method: 'cash' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toBe('UNAUTHENTICATED');
    expect((await account('a-bob-1')).cashAvailableMinor).toBe(before);
  });

  it('publishes the fee schedule', async () => {
    expect((await inject('GET', '/fees')).json()).toMatchObject({ ratePercent: '0.1', minimumMinor: 100 });
  });

  it('completes a deposit after its delay, once per idempotency key', async () => {
    const before = (await account('a-bob-1')).cashAvailableMinor;
    const key = randomUUID();
    const created = await inject(
      'POST',
      '/payments',
      { accountId: 'a-bob-1', amountMinor: 12_345, method: 'deposit', reference: 'r1' },
      { 'idempotency-key': key },
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe('pending');
    const again = await inject(
      'POST',
      '/payments',
      { accountId: 'a-bob-1', amountMinor: 12_345, method: 'deposit', reference: 'r1' },
      { 'idempotency-key': key },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(created.json().id);
    const other = await inject(
      'POST',
      '/payments',
      { accountId: 'a-bob-1', amountMinor: 1, method: 'deposit' },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(409);
    await expect
      .poll(async () => (await inject('GET', `/payments/${created.json().id}`)).json().status)
      .toBe('completed');
    expect((await account('a-bob-1')).cashAvailableMinor).toBe(before + 12_345);
    await expect
      .poll(() =>
        seen.some(
          (m) =>
            m.type === 'evt.accounts.PaymentCompleted' &&
            (m.data as { paymentId: string }).paymentId === created.json().id,
        ),
      )
      .toBe(true);
  });

  it('refuses a cash payment larger than the available cash with 422', async () => {
    const res = await inject(
      'POST',
      '/payments',
      { accountId: 'a-bob-1', amountMinor: 999_999_999, method: 'cash' },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('INSUFFICIENT_CASH');
  });
});

describe('accounts saga commands', () => {
  it('reserves cash plus fee for a buy, charges the fee from it, and compensations refund once', async () => {
    const orderId = randomUUID();
    const before = await account('a-alice-2');
    await send('cmd.accounts.Reserve', {
      orderId,
      accountId: 'a-alice-2',
      side: 'buy',
      assetId: 'ACME',
      quantity: '10',
      amountMinor: null,
      estimatedPrice: '100',
      currency: 'USD',
    });
    const made = await reply('evt.accounts.ReservationMade', orderId);
    // 10 × 100.00 = 1,000.00; 0.1% fee = 1.00 (the minimum).
    expect(made.data).toMatchObject({ amountMinor: 100_100, estimatedFeeMinor: 100 });
    expect(await account('a-alice-2')).toMatchObject({
      cashAvailableMinor: before.cashAvailableMinor - 100_100,
      cashReservedMinor: before.cashReservedMinor + 100_100,
    });

    await send('cmd.accounts.ChargeFee', { orderId });
    await reply('evt.accounts.FeeCharged', orderId);
    await send('cmd.accounts.ReverseFee', { orderId });
    await send('cmd.accounts.ReverseFee', { orderId });
    await send('cmd.accounts.ReleaseReservation', { orderId });
    await send('cmd.accounts.ReleaseReservation', { orderId });
    await expect
      .poll(
        () =>
          seen.filter(
            (m) =>
              m.type === 'evt.accounts.ReservationReleased' &&
              (m.data as { orderId: string }).orderId === orderId,
          ).length,
      )
      .toBe(2);
    expect(await account('a-alice-2')).toMatchObject({
      cashAvailableMinor: before.cashAvailableMinor,
      cashReservedMinor: before.cashReservedMinor,
    });
    const ledger = (await inject('GET', '/accounts/a-alice-2/transactions'))
      .json()
      .items.filter((t: { orderId: string }) => t.orderId === orderId);
    expect(ledger.map((t: { kind: string; amountMinor: number }) => [t.kind, t.amountMinor]).sort()).toEqual([
      ['fee', -100],
      ['fee_reversal', 100],
    ]);
  });

  it('settles a buy: pays the cost, refunds the rest of the reservation, adds the holding', async () => {
    const orderId = randomUUID();
    const before = await account('a-alice-2');
    await send('cmd.accounts.Reserve', {
      orderId,
      accountId: 'a-alice-2',
      side: 'buy',
      assetId: 'NEWCO',
      quantity: null,
      amountMinor: 50_000,
      estimatedPrice: '10',
      currency: 'USD',
    });
    await reply('evt.accounts.ReservationMade', orderId);
    await send('cmd.accounts.ChargeFee', { orderId });
    await reply('evt.accounts.FeeCharged', orderId);
    await send('cmd.accounts.SettleTrade', { orderId, tradeId: 't1', price: '9.5', quantity: '52.5' });
    await send('cmd.accounts.SettleTrade', { orderId, tradeId: 't1', price: '9.5', quantity: '52.5' });
    const settled = await reply('evt.accounts.TradeSettled', orderId);
    expect(settled.data).toMatchObject({ cashDeltaMinor: -49_875, quantity: '52.5' });
    await expect
      .poll(
        () =>
          seen.filter(
            (m) =>
              m.type === 'evt.accounts.TradeSettled' && (m.data as { orderId: string }).orderId === orderId,
          ).length,
      )
      .toBe(2);
    // fee 1.00 (minimum) + cost 498.75
    expect(await account('a-alice-2')).toMatchObject({
      cashAvailableMinor: before.cashAvailableMinor - 100 - 49_875,
      cashReservedMinor: before.cashReservedMinor,
    });
    const holdings = (await inject('GET', '/accounts/a-alice-2/holdings')).json().items;
    expect(holdings).toContainEqual({
      accountId: 'a-alice-2',
      assetId: 'NEWCO',
      quantity: '52.5',
      reservedQuantity: '0',
      // the cost of the trade (498.75), not the fee, and counted once despite the repeated command
      costBasisMinor: 49_875,
      averagePrice: '9.5',
    });
  });

  it('rejects reservations it cannot make, with the reason', async () => {
    const o1 = randomUUID();
    const o2 = randomUUID();
    const o3 = randomUUID();
    await send('cmd.accounts.Reserve', {
      orderId: o1,
      accountId: 'a-bob-1',
      side: 'sell',
      assetId: 'ACME',
      quantity: '11',
      amountMinor: null,
      estimatedPrice: '1',
      currency: 'USD',
    });
    await send('cmd.accounts.Reserve', {
      orderId: o2,
      accountId: 'a-bob-1',
      side: 'buy',
      assetId: 'ACME',
      quantity: '1000000',
      amountMinor: null,
      estimatedPrice: '1000',
      currency: 'USD',
    });
    await send('cmd.accounts.Reserve', {
      orderId: o3,
      accountId: 'ghost',
      side: 'buy',
      assetId: 'ACME',
      quantity: '1',
      amountMinor: null,
      estimatedPrice: '1',
      currency: 'USD',
    });
    expect((await reply('evt.accounts.ReservationFailed', o1)).data).toMatchObject({
      reason: 'INSUFFICIENT_HOLDING',
    });
    expect((await reply('evt.accounts.ReservationFailed', o2)).data).toMatchObject({
      reason: 'INSUFFICIENT_CASH',
    });
    expect((await reply('evt.accounts.ReservationFailed', o3)).data).toMatchObject({
      reason: 'UNKNOWN_ACCOUNT',
    });
  });

  it('fails the fee of a sell when the account has no cash for it', async () => {
    // Drain a fresh account through the HTTP-less path: a customer with holdings and no cash.
    await service.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO customers (id, name) VALUES ('c-zero', 'Zero') ON CONFLICT DO NOTHING`);
      await tx.query(
        `INSERT INTO accounts (id, customer_id, name, currency, cash_available_minor) VALUES ('a-zero', 'c-zero', 'Zero', 'USD', 0) ON CONFLICT DO NOTHING`,
      );
      await tx.query(
        `INSERT INTO holdings (account_id, asset_id, quantity) VALUES ('a-zero', 'ACME', '5') ON CONFLICT DO NOTHING`,
      );
    });
    const orderId = randomUUID();
    await send('cmd.accounts.Reserve', {
      orderId,
      accountId: 'a-zero',
      side: 'sell',
      assetId: 'ACME',
      quantity: '5',
      amountMinor: null,
      estimatedPrice: '10',
      currency: 'USD',
    });
    await reply('evt.accounts.ReservationMade', orderId);
    await send('cmd.accounts.ChargeFee', { orderId });
    expect((await reply('evt.accounts.ChargeFailed', orderId)).data).toMatchObject({
      reason: 'INSUFFICIENT_CASH',
    });
  });
});

describe('cost basis (average-cost method)', () => {
  const holding = async (accountId: string, assetId: string) =>
    (
      (await inject('GET', `/accounts/${accountId}/holdings`)).json().items as Array<Record<string, unknown>>
    ).find((h) => h.assetId === assetId);

  async function trade(accountId: string, side: 'buy' | 'sell', quantity: string, price: string) {
    const orderId = randomUUID();
    await send('cmd.accounts.Reserve', {
      orderId,
      accountId,
      side,
      assetId: 'AVGCO',
      quantity,
      amountMinor: null,
      estimatedPrice: price,
      currency: 'USD',
    });
    await reply('evt.accounts.ReservationMade', orderId);
    await send('cmd.accounts.ChargeFee', { orderId });
    await reply('evt.accounts.FeeCharged', orderId);
    await send('cmd.accounts.SettleTrade', { orderId, tradeId: `t-${orderId}`, price, quantity });
    await reply('evt.accounts.TradeSettled', orderId);
  }

  it('adds the cost of buys and removes it in proportion to the quantity sold', async () => {
    await trade('a-bob-1', 'buy', '3', '10'); // cost 30.00
    await trade('a-bob-1', 'buy', '4', '12.5'); // cost 50.00 → 7 held for 80.00
    expect(await holding('a-bob-1', 'AVGCO')).toMatchObject({
      quantity: '7',
      costBasisMinor: 8_000,
      averagePrice: '11.42857143',
    });
    // sell 2 of 7 at any price: removes 8000 × 2 / 7 = 2285.71… → 2286 (half-up); the price does not matter
    await trade('a-bob-1', 'sell', '2', '20');
    expect(await holding('a-bob-1', 'AVGCO')).toMatchObject({ quantity: '5', costBasisMinor: 5_714 });
    // selling the rest removes the whole remaining cost basis: nothing is left behind
    await trade('a-bob-1', 'sell', '5', '1');
    expect(await holding('a-bob-1', 'AVGCO')).toBeUndefined();
    const [row] = await service.db.query<{ cost_basis_minor: number | string }>(
      `SELECT cost_basis_minor FROM holdings WHERE account_id = 'a-bob-1' AND asset_id = 'AVGCO'`,
    );
    expect(Number(row!.cost_basis_minor)).toBe(0);
  });

  it('rounds the removed cost half-up to the minor unit, deterministically', () => {
    expect(costBasisRemoved(1_000, '3', '1')).toBe(333); // 333.33…
    expect(costBasisRemoved(1_000, '3', '2')).toBe(667); // 666.66…
    expect(costBasisRemoved(5, '2', '1')).toBe(3); // 2.5 → 3
    expect(costBasisRemoved(1_000, '0.3', '0.1')).toBe(333); // exact decimals, no float error
    expect(costBasisRemoved(1_001, '4', '4')).toBe(1_001); // everything sold: all of it
  });
});
