// The order and investment status vocabulary beside the contracts that spell it (bff.yaml
// OrderStatus and InvestmentStatus, services/orders.yaml OrderStatus): which statuses are final is
// said here once, and every service, fragment and mock imports it.
import type { components as Bff } from './generated/bff.ts';
import type { components as Orders } from './generated/services/orders.ts';

type OrderStatus = Bff['schemas']['OrderStatus'];
type ServiceOrderStatus = Orders['schemas']['OrderStatus'];
type InvestmentStatus = Bff['schemas']['InvestmentStatus'];

// Every status of the contract, exactly once (the compiler refuses a missing or unknown one):
// an open order can still change, a final one never does.
const ORDER_STAGE = {
  pending: 'open',
  reserved: 'open',
  placed: 'open',
  cancelling: 'open',
  completed: 'final',
  rejected: 'final',
  failed: 'final',
  cancelled: 'final',
  expired: 'final',
} as const satisfies Record<OrderStatus, 'open' | 'final'>;

type Stage = typeof ORDER_STAGE;
export type FinalOrderStatus = { [K in keyof Stage]: Stage[K] extends 'final' ? K : never }[keyof Stage];
export type OpenOrderStatus = Exclude<OrderStatus, FinalOrderStatus>;

// The services write every final status too (they add none of their own): fails to compile otherwise.
const finalStatusesAreServiceStatuses: [FinalOrderStatus] extends [ServiceOrderStatus] ? true : false = true;
void finalStatusesAreServiceStatuses;

/** Every order status, in the order an order moves through them (the filters list them so). */
export const ORDER_STATUSES = Object.keys(ORDER_STAGE) as OrderStatus[];

/** The statuses an order never leaves: completed, rejected, failed, cancelled, expired. */
export const FINAL_ORDER_STATUSES = ORDER_STATUSES.filter(
  (status) => ORDER_STAGE[status] === 'final',
) as FinalOrderStatus[];

/** Whether an order in `status` is done (no step, cancel or fill will change it again). */
export function isFinalOrderStatus(status: string): status is FinalOrderStatus {
  return Object.hasOwn(ORDER_STAGE, status) && ORDER_STAGE[status as OrderStatus] === 'final';
}

const INVESTMENT_STAGE = {
  pending: 'open',
  investing: 'open',
  completed: 'final',
  partially_completed: 'final',
  failed: 'final',
} as const satisfies Record<InvestmentStatus, 'open' | 'final'>;

/** Whether an investment is done: each of its orders reached a final status. */
export function isFinalInvestmentStatus(status: InvestmentStatus): boolean {
  return INVESTMENT_STAGE[status] === 'final';
}

/**
 * What an investment comes to once every one of its orders is final: completed when all completed,
 * failed when none did, partially completed otherwise; null while any order can still change.
 * The strategies service and the mocks both settle investments by it.
 */
export function investmentOutcome(
  orderStatuses: readonly string[],
): Extract<InvestmentStatus, 'completed' | 'partially_completed' | 'failed'> | null {
  if (!orderStatuses.every(isFinalOrderStatus)) return null;
  const completed = orderStatuses.filter((status) => status === 'completed').length;
  if (completed === orderStatuses.length) return 'completed';
  return completed === 0 ? 'failed' : 'partially_completed';
}
