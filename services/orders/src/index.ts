export {
  startOrdersService,
  type OrdersServiceOptions,
  type RunningOrdersService,
  ORDERS_SAGA_CONSUMER,
} from './service.ts';
export type { ReadModelStatus } from './projector.ts';
