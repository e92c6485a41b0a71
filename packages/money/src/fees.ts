import { compare, minorToMoney, moneyToMinor, multiply, round } from './decimal.ts';

/** The fee schedule: a percentage of the order's value, at least a minimum, in the account currency. */
export interface FeeSchedule {
  /** "0.1" for 0.1% of the order value. */
  ratePercent: string;
  /** The smallest fee, "1.00". */
  minimum: string;
}

/**
 * The schedule the accounts service charges (services/accounts/src/fees.ts publishes it, the BFF
 * passes it on as GET /api/fees): 0.1% of the order's value, at least 1.00.
 */
export const FEE_SCHEDULE: FeeSchedule = { ratePercent: '0.1', minimum: '1.00' };

/**
 * The fee of an order worth `orderValue`: rate% of it rounded half up to the cent, at least the
 * minimum. The one fee rule: the service charges it, the ticket and the invest page estimate it.
 */
export function feeFor(orderValue: string, schedule: FeeSchedule = FEE_SCHEDULE): string {
  // rate% without a division: "0.1" % is a factor of "0.001".
  const proportional = round(multiply(multiply(orderValue, schedule.ratePercent), '0.01'), 2);
  const minimum = round(schedule.minimum, 2);
  return compare(proportional, minimum) < 0 ? minimum : proportional;
}

/** feeFor in integer minor units, as the services store money. */
export function feeForMinor(orderValueMinor: number, schedule: FeeSchedule = FEE_SCHEDULE): number {
  return moneyToMinor(feeFor(minorToMoney(orderValueMinor), schedule));
}
