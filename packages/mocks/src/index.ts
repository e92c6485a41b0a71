// @simplebank/mocks: MSW handlers made from the BFF contract (openapi-msw), with fixture data.
// Tests: `@simplebank/mocks/node`; standalone mode: `@simplebank/mocks/browser`.
import { handlersFor } from './handlers/index.ts';
import { createMockContext } from './mock-context.ts';

export { http } from './http.ts';
export { errorBody, paginate, type MockContext } from './context.ts';
export { createMockContext, type MockOptions, type ManagedMockContext } from './mock-context.ts';
export { createMockDb, type MockDb, type MockState } from './db.ts';
export {
  handlersFor,
  sessionHandlers,
  assetHandlers,
  portfolioHandlers,
  orderHandlers,
  strategyHandlers,
  fragmentHandlers,
  adminHandlers,
} from './handlers/index.ts';
export { strategyRuleViolations } from './handlers/strategies.ts';
export { runOrderSaga, cancelOrder, commitOrder, ORDER_FEES } from './simulation/orders-saga.ts';
export { invest } from './simulation/investments.ts';
export { startPriceTicker, tickPrices, seededRandom, type PriceTickerOptions } from './simulation/prices.ts';
export { holdAnswer, type HeldAnswer } from './held-answer.ts';
export * from './fixtures/index.ts';
export type * from './types.ts';

/**
 * The shared default: alice logged in, no lag, no pushes. `handlers` are bound to it; tests
 * change it (`mockContext.setUser('admin')`, `mockContext.db.state.pricesAvailable = false`) and
 * call `mockContext.reset()` after each test.
 */
export const mockContext = createMockContext();
export const handlers = handlersFor(mockContext);
