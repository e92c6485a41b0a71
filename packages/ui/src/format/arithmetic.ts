// The few sums the UI computes itself (a holding's live value from a pushed price, a portfolio
// total) use the one decimal arithmetic of packages/money, under the names the fragments know.
import { add, compare, multiply, subtract } from '@simplebank/money';

/** multiplyDecimals('3', '19.99') → '59.97' (the scale is the sum of both scales). */
export const multiplyDecimals = multiply;
/** addDecimals('0.1', '0.2') → '0.3'; with no values, '0'. */
export const addDecimals = add;
/** subtractDecimals('10', '0.01') → '9.99' */
export const subtractDecimals = subtract;
/** compareDecimals('1.10', '1.1') → 0; negative when a < b, positive when a > b. */
export const compareDecimals = compare;
