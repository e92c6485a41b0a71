import type { HttpHandler } from 'msw';
import type { MockContext } from '../context.ts';
import { adminHandlers } from './admin.ts';
import { fragmentHandlers } from './fragments.ts';
import { assetHandlers, portfolioHandlers } from './market.ts';
import { orderHandlers } from './orders.ts';
import { sessionHandlers } from './session.ts';
import { strategyHandlers } from './strategies.ts';

export {
  adminHandlers,
  fragmentHandlers,
  assetHandlers,
  portfolioHandlers,
  orderHandlers,
  sessionHandlers,
  strategyHandlers,
};

/** Every handler of the BFF contract that the mocks implement, over one context. */
export function handlersFor(ctx: MockContext): HttpHandler[] {
  return [
    ...sessionHandlers(ctx),
    ...assetHandlers(ctx),
    ...portfolioHandlers(ctx),
    ...orderHandlers(ctx),
    ...strategyHandlers(ctx),
    ...fragmentHandlers(ctx),
    ...adminHandlers(ctx),
  ];
}
