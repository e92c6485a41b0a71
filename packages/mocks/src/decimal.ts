// The mocks compute values, costs and price moves the way the BFF would, with the one decimal
// arithmetic of packages/money; these helpers only fix the mocks' habit of rounding to cents.
import * as money from '@simplebank/money';

/** a × b rounded half away from zero to `digits` fraction digits. */
export function multiply(a: string, b: string, digits = 2): string {
  return money.round(money.multiply(a, b), digits);
}

export function add(values: string[], digits = 2): string {
  return money.round(money.add(...values), digits);
}

export function subtract(a: string, b: string, digits = 2): string {
  return money.round(money.subtract(a, b), digits);
}

export const compare = money.compare;

/** Moves a price by `basisPoints` (1 bp = 0.01%), keeping its number of fraction digits. */
export function movePrice(price: string, basisPoints: number): string {
  const digits = price.includes('.') ? price.length - price.indexOf('.') - 1 : 0;
  return multiply(price, money.divide(String(10_000 + basisPoints), '10000', 4), digits);
}

/** a ÷ b, rounded half away from zero to `digits` fraction digits. */
export function divide(a: string, b: string, digits = 8): string {
  return money.divide(a, b, digits);
}
