import { createHash, randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import type { operations } from '@simplebank/openapi/services/accounts';
import {
  ApiError,
  conflict,
  enqueueMessages,
  notFound,
  unprocessable,
  type Database,
  type OperationHandler,
  typedHandlers,
} from '@simplebank/service-kit';
import { feeSchedule } from './fees.ts';
import { completePayment, insertPayment, paymentDto, type PaymentRow } from './payments.ts';

interface AccountRow {
  id: string;
  customer_id: string;
  name: string;
  currency: string;
  cash_available_minor: number;
  cash_reserved_minor: number;
  version: number;
}

const accountDto = (a: AccountRow) => ({
  id: a.id,
  customerId: a.customer_id,
  name: a.name,
  currency: a.currency,
  cashAvailableMinor: a.cash_available_minor,
  cashReservedMinor: a.cash_reserved_minor,
  version: a.version,
});

const holdingDto = (h: {
  account_id: string;
  asset_id: string;
  quantity: string;
  reserved_quantity: string;
  cost_basis_minor: number | string;
}) => {
  const quantity = new Decimal(h.quantity);
  const costBasisMinor = Number(h.cost_basis_minor);
  return {
    accountId: h.account_id,
    assetId: h.asset_id,
    quantity: quantity.toFixed(),
    reservedQuantity: new Decimal(h.reserved_quantity).toFixed(),
    costBasisMinor,
    // cost per unit in major units (minor / 100), 8 decimals half-up; null when nothing is held
    averagePrice: quantity.gt(0)
      ? new Decimal(costBasisMinor).div(100).div(quantity).toDecimalPlaces(8, Decimal.ROUND_HALF_UP).toFixed()
      : null,
  };
};

/** `a,b,,c ` → ['a','b','c'] (bulk query parameters). */
export const splitIds = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function accountsHandlers(deps: {
  db: Database;
  depositDelayMs: number;
  afterCommit: () => void;
}): Record<string, OperationHandler> {
  const { db } = deps;
  const accountsOf = async (customerIds: string[]) => {
    if (customerIds.length === 0) return new Map<string, ReturnType<typeof accountDto>[]>();
    const rows = await db.query<AccountRow & Record<string, unknown>>(
      'SELECT * FROM accounts WHERE customer_id = ANY($1::text[]) ORDER BY id',
      [customerIds],
    );
    const map = new Map<string, ReturnType<typeof accountDto>[]>();
    for (const row of rows) map.set(row.customer_id, [...(map.get(row.customer_id) ?? []), accountDto(row)]);
    return map;
  };
  const requireAccount = async (id: string) => {
    const [row] = await db.query<AccountRow & Record<string, unknown>>(
      'SELECT * FROM accounts WHERE id = $1',
      [id],
    );
    if (!row) throw notFound('account', id);
    return row;
  };

  return typedHandlers<operations>({
    listCustomers: async (req) => {
      const { page = 1, size = 20, search } = req.query;
      const text = search?.trim() ?? '';
      // Case-insensitive substring of name or id; LIKE wildcards in the text are matched literally.
      const pattern = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const where = pattern ? `WHERE name ILIKE $1 ESCAPE '\\' OR id ILIKE $1 ESCAPE '\\'` : '';
      const filter = pattern ? [pattern] : [];
      const [count] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM customers ${where}`,
        filter,
      );
      const customers = await db.query<{ id: string; name: string }>(
        `SELECT id, name FROM customers ${where} ORDER BY id LIMIT $${filter.length + 1} OFFSET $${filter.length + 2}`,
        [...filter, size, (page - 1) * size],
      );
      const accounts = await accountsOf(customers.map((c) => c.id));
      return {
        items: customers.map((c) => ({ id: c.id, name: c.name, accounts: accounts.get(c.id) ?? [] })),
        page,
        size,
        total: count?.n ?? 0,
      };
    },
    getCustomer: async (req) => {
      const { customerId } = req.params;
      const [customer] = await db.query<{ id: string; name: string }>(
        'SELECT id, name FROM customers WHERE id = $1',
        [customerId],
      );
      if (!customer) throw notFound('customer', customerId);
      return { ...customer, accounts: (await accountsOf([customer.id])).get(customer.id) ?? [] };
    },
    listAccounts: async (req) => {
      const q = req.query;
      const ids = splitIds(q.ids);
      const customerIds = splitIds(q.customerIds);
      if (ids.length === 0 && customerIds.length === 0)
        throw new ApiError(400, 'VALIDATION_FAILED', 'pass ids or customerIds', [
          { field: 'query:ids', reason: 'ids or customerIds is required' },
        ]);
      const rows = await db.query<AccountRow & Record<string, unknown>>(
        'SELECT * FROM accounts WHERE id = ANY($1::text[]) OR customer_id = ANY($2::text[]) ORDER BY id',
        [ids, customerIds],
      );
      return { items: rows.map(accountDto) };
    },
    getAccount: async (req) => accountDto(await requireAccount(req.params.accountId)),
    getAccountHoldings: async (req) => {
      const account = await requireAccount(req.params.accountId);
      const rows = await db.query<{
        account_id: string;
        asset_id: string;
        quantity: string;
        reserved_quantity: string;
        cost_basis_minor: number;
      }>('SELECT * FROM holdings WHERE account_id = $1 AND quantity > 0 ORDER BY asset_id', [account.id]);
      return { items: rows.map(holdingDto) };
    },
    listHoldings: async (req) => {
      const ids = splitIds(req.query.accountIds);
      const rows = await db.query<{
        account_id: string;
        asset_id: string;
        quantity: string;
        reserved_quantity: string;
        cost_basis_minor: number;
      }>(
        'SELECT * FROM holdings WHERE account_id = ANY($1::text[]) AND quantity > 0 ORDER BY account_id, asset_id',
        [ids],
      );
      return { items: rows.map(holdingDto) };
    },
    getAccountTransactions: async (r) => {
      const { page = 1, size = 50 } = r.query;
      const account = await requireAccount(r.params.accountId);
      const [count] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ledger WHERE account_id = $1',
        [account.id],
      );
      const rows = await db.query<{
        id: number;
        account_id: string;
        kind: string;
        amount_minor: number;
        asset_id: string | null;
        quantity: string | null;
        order_id: string | null;
        reference: string | null;
        created_at: Date;
      }>('SELECT * FROM ledger WHERE account_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3', [
        account.id,
        size,
        (page - 1) * size,
      ]);
      return {
        items: rows.map((l) => ({
          id: l.id,
          accountId: l.account_id,
          kind: l.kind,
          amountMinor: l.amount_minor,
          assetId: l.asset_id,
          quantity: l.quantity === null ? null : new Decimal(l.quantity).toFixed(),
          orderId: l.order_id,
          reference: l.reference,
          createdAt: l.created_at.toISOString(),
        })),
        page,
        size,
        total: count?.n ?? 0,
      };
    },
    createPayment: async (r, reply) => {
      const body = r.body;
      const key = r.headers['idempotency-key'];
      const hash = createHash('sha256')
        .update(JSON.stringify([body.accountId, body.amountMinor, body.method, body.reference ?? null]))
        .digest('hex');
      const outcome = await db.transaction(async (tx) => {
        const result = await insertPayment(tx, {
          id: `p-${randomUUID()}`,
          accountId: body.accountId,
          amountMinor: body.amountMinor,
          method: body.method,
          reference: body.reference ?? null,
          idempotencyKey: key,
          requestHash: hash,
          depositDelayMs: deps.depositDelayMs,
        });
        if (result.kind === 'unknown-account') throw notFound('account', body.accountId);
        if (result.kind === 'existing') {
          if (result.row.request_hash !== hash)
            throw conflict('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request');
          return { created: false, row: result.row };
        }
        if (body.method === 'cash') await enqueueMessages(tx, [await completePayment(tx, result.row.id)]);
        const [row] = await tx.query<PaymentRow & Record<string, unknown>>(
          'SELECT * FROM payments WHERE id = $1',
          [result.row.id],
        );
        return { created: true, row: row! };
      });
      deps.afterCommit();
      if (outcome.row.status === 'failed' && outcome.created) {
        throw unprocessable(outcome.row.reason ?? 'PAYMENT_FAILED', `payment failed: ${outcome.row.reason}`, {
          payment: paymentDto(outcome.row),
        });
      }
      reply.code(outcome.created ? 201 : 200);
      return paymentDto(outcome.row);
    },
    getPayment: async (req) => {
      const { paymentId } = req.params;
      const [row] = await db.query<PaymentRow & Record<string, unknown>>(
        'SELECT * FROM payments WHERE id = $1',
        [paymentId],
      );
      if (!row) throw notFound('payment', paymentId);
      return paymentDto(row);
    },
    getFeeSchedule: async () => feeSchedule,
  });
}
