export {
  add,
  compare,
  divide,
  isDecimal,
  minorToMoney,
  moneyToMinor,
  multiply,
  round,
  subtract,
  type Rounding,
} from './decimal.ts';
export { FEE_SCHEDULE, feeFor, feeForMinor, type FeeSchedule } from './fees.ts';
export { limitPriceProblem, type LimitPriceProblem, type OrderType } from './limit-price.ts';
export { minimumSplitAmount, splitByPercentages, type SplitMinimums } from './split.ts';
export { dayWithPrice, type TradingDay } from './trading-day.ts';
