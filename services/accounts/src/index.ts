export {
  startAccountsService,
  type AccountsServiceOptions,
  type RunningAccountsService,
  ACCOUNTS_CONSUMER,
} from './service.ts';
export { feeForNotional, feeSchedule, FEE_MINIMUM_MINOR, FEE_RATE_PERCENT } from './fees.ts';
export { seedCustomers } from './seed.ts';
