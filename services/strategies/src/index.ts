export {
  startStrategiesService,
  type StrategiesServiceOptions,
  type RunningStrategiesService,
  STRATEGIES_CONSUMER,
} from './service.ts';
export { checkStrategy, splitAmount } from './rules.ts';
export { seedStrategies } from './seed.ts';
