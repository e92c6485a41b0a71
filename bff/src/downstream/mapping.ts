import Decimal from 'decimal.js';
import type { components } from '@simplebank/openapi';
import type { components as Accounts } from '@simplebank/openapi/services/accounts';
import type { components as Orders } from '@simplebank/openapi/services/orders';
import type { components as Strategies } from '@simplebank/openapi/services/strategies';
import type { components as Market } from '@simplebank/openapi/services/market';
import { clientIdempotencyKey } from './idempotency.ts';
import { ApiError } from '../http/errors.ts';

type S = components['schemas'];
export type ServiceAccount = Accounts['schemas']['Account'];
export type ServiceHolding = Accounts['schemas']['Holding'];
export type ServiceOrder = Orders['schemas']['OrderSnapshot'];
export type ServiceStrategy = Strategies['schemas']['Strategy'];
export type ServiceInvestment = Strategies['schemas']['Investment'];
export type ServiceAsset = Market['schemas']['Asset'];
export type ServicePrice = Market['schemas']['Price'];

/** Minor units (integer cents) → decimal string with two places, without floating point. */
export function minorToMoney(minor: number): string {
  return new Decimal(minor).div(100).toFixed(2);
}

/** The largest payment or investment (openapi/bff.yaml, InvestRequest): 1,000,000,000.00. */
export const MAX_AMOUNT = '1000000000.00';

/** A decimal string with at most two places → minor units; 422 for sub-cent or too large amounts. */
export function moneyToMinor(value: string, field: string): number {
  const d = new Decimal(value);
  if (d.decimalPlaces() > 2)
    throw new ApiError(422, 'invalid_amount', 'Amounts have at most two decimals', [
      { field, reason: 'at most 2 decimals' },
    ]);
  // Checked here, before minor units could leave the range where integers are exact.
  if (d.gt(MAX_AMOUNT))
    throw new ApiError(422, 'amount_too_large', `Amounts are at most ${MAX_AMOUNT}`, [
      { field, reason: `at most ${MAX_AMOUNT}` },
    ]);
  return d.times(100).toNumber();
}

type ServiceOrderStatus = Orders['schemas']['OrderStatus'];
type OrderStep = S['OrderStep'];

/**
 * Each step the orders service records (openapi/services/orders.yaml, OrderSteps) → the timeline
 * entry it becomes: the status the order had from then on, and the step's own name. The fee charge
 * is no status of its own and stays in the saga log.
 */
const STEP_ENTRY: Record<keyof ServiceOrder['steps'], Pick<OrderStep, 'status' | 'step'> | null> = {
  createdAt: { status: 'pending', step: 'created' },
  reservedAt: { status: 'reserved', step: 'reserved' },
  feeChargedAt: null,
  placedAt: { status: 'placed', step: 'placed' },
  // Filled at the market, not settled yet: still placed until the settlement completes it.
  executedAt: { status: 'placed', step: 'executed' },
  completedAt: { status: 'completed', step: 'completed' },
  rejectedAt: { status: 'rejected', step: 'rejected' },
  failedAt: { status: 'failed', step: 'failed' },
  cancelRequestedAt: { status: 'cancelling', step: 'cancelRequested' },
  cancelledAt: { status: 'cancelled', step: 'cancelled' },
  expiredAt: { status: 'expired', step: 'expired' },
};

/** Every service status is a BFF status; the BFF adds reserved and cancelling (from steps and flags). */
const FROM_SERVICE_STATUS: Record<ServiceOrderStatus, S['OrderStatus']> = {
  pending: 'pending',
  placed: 'placed',
  completed: 'completed',
  rejected: 'rejected',
  failed: 'failed',
  cancelled: 'cancelled',
  expired: 'expired',
};

/** The orders service's list filter for a BFF status (it has no reserved or cancelling). */
export function serviceStatusFilter(status: S['OrderStatus']): ServiceOrderStatus | 'open' {
  switch (status) {
    case 'reserved':
      return 'pending';
    case 'cancelling':
      return 'open';
    default:
      return status;
  }
}

/** The service's status plus its flags → the BFF's finer status (reserved, cancelling). */
export function orderStatus(o: Pick<ServiceOrder, 'status' | 'cancelRequested' | 'steps'>): S['OrderStatus'] {
  switch (o.status) {
    case 'pending':
    case 'placed':
      if (o.cancelRequested) return 'cancelling';
      return o.status === 'pending' && o.steps.reservedAt ? 'reserved' : o.status;
    default:
      return FROM_SERVICE_STATUS[o.status];
  }
}

function timeline(steps: ServiceOrder['steps']): OrderStep[] {
  const entries: OrderStep[] = [];
  for (const key of Object.keys(STEP_ENTRY) as (keyof typeof STEP_ENTRY)[]) {
    const at = steps[key];
    const entry = STEP_ENTRY[key];
    if (at !== undefined && entry !== null) entries.push({ ...entry, at });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

export function toOrder(o: ServiceOrder, customerId?: string): S['Order'] {
  const steps = timeline(o.steps);
  return {
    id: o.id,
    accountId: o.accountId,
    ...(customerId ? { customerId } : {}),
    assetId: o.assetId,
    side: o.side,
    type: o.type,
    // Orders for a money amount (strategy investments) learn their quantity when filled.
    quantity: o.quantity ?? o.filledQuantity ?? '0',
    limitPrice: o.limitPrice,
    status: orderStatus(o),
    statusReason: o.statusReason,
    fee: o.feeMinor === null ? null : minorToMoney(o.feeMinor),
    fillPrice: o.fillPrice,
    steps,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
    source:
      o.source.kind === 'strategy'
        ? {
            kind: 'strategy-investment',
            ...(o.source.investmentId ? { investmentId: o.source.investmentId } : {}),
          }
        : { kind: 'customer' },
    ...(o.idempotencyKey ? { idempotencyKey: clientIdempotencyKey(o.idempotencyKey) } : {}),
  };
}

export function toAccount(a: ServiceAccount): S['Account'] {
  return {
    id: a.id,
    customerId: a.customerId,
    name: a.name,
    currency: a.currency,
    cash: { available: minorToMoney(a.cashAvailableMinor), reserved: minorToMoney(a.cashReservedMinor) },
  };
}

export function toStrategy(s: ServiceStrategy, isAdmin: boolean): S['Strategy'] {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    riskLevel: s.riskLevel as S['RiskLevel'],
    timeHorizon: s.timeHorizon as S['TimeHorizon'],
    allocations: s.allocations.map((a) => ({
      assetId: a.assetId,
      percentage: new Decimal(a.percentage).toString(),
    })),
    status: s.status,
    createdByUserId: s.createdByUserId,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    version: s.version,
    ...(isAdmin ? { totalInvested: minorToMoney(s.investedMinor) } : {}),
  };
}

export function toStrategyInput(input: S['StrategyInput']): Strategies['schemas']['StrategyInput'] {
  return {
    name: input.name,
    description: input.description,
    riskLevel: input.riskLevel,
    timeHorizon: input.timeHorizon,
    allocations: input.allocations.map((a) => ({
      assetId: a.assetId,
      percentage: new Decimal(a.percentage).toNumber(),
    })),
  };
}

const INVESTMENT_STATUS: Record<ServiceInvestment['status'], S['InvestmentStatus']> = {
  pending: 'pending',
  investing: 'investing',
  completed: 'completed',
  'partially completed': 'partially_completed',
  failed: 'failed',
};

const isServiceOrderStatus = (status: string): status is ServiceOrderStatus =>
  Object.hasOwn(FROM_SERVICE_STATUS, status);

export function toInvestment(i: ServiceInvestment): S['Investment'] {
  return {
    id: i.id,
    strategyId: i.strategyId,
    accountId: i.accountId,
    amount: minorToMoney(i.amountMinor),
    paymentId: i.paymentId,
    status: INVESTMENT_STATUS[i.status],
    statusReason: i.failureReason ?? null,
    // Orders not placed yet ("planned") show as pending.
    orders: i.orders.flatMap((o) => {
      const status = isServiceOrderStatus(o.status) ? FROM_SERVICE_STATUS[o.status] : 'pending';
      return o.orderId
        ? [
            {
              orderId: o.orderId,
              assetId: o.assetId,
              amount: minorToMoney(o.amountMinor),
              status,
              reason: o.reason ?? null,
            },
          ]
        : [];
    }),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    version: i.version,
  };
}

export function toAsset(a: ServiceAsset, price?: { price: string; at: string; stale: boolean }): S['Asset'] {
  return {
    id: a.id,
    symbol: a.symbol,
    name: a.name,
    type: a.type as S['AssetType'],
    currency: a.currency,
    price: price?.price ?? a.price,
    priceTime: price?.at ?? a.priceTime,
    ...(price?.stale ? { priceStale: true } : {}),
    day: a.day,
  };
}

export function holdingValue(quantity: string, price: string | null): string | null {
  return price === null ? null : new Decimal(quantity).times(price).toFixed(2);
}

/** value − cost basis (exact decimals, 2 places; negative is a loss); null without a value. */
export function unrealizedPnl(value: string | null, costBasis: string): string | null {
  return value === null ? null : new Decimal(value).minus(costBasis).toFixed(2);
}
