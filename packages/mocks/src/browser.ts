// MSW in the browser for a fragment's standalone mode: the service worker answers /api/* from the
// fixtures, the orders read model lags behind commands, and updates and prices are pushed
// through the realtime client the local host gives the fragment (the platform's memory realtime).
import { setupWorker } from 'msw/browser';
import { handlersFor } from './handlers/index.ts';
import { createMockContext, type ManagedMockContext, type MockOptions } from './mock-context.ts';
import { startPriceTicker, type PriceTickerOptions } from './simulation/prices.ts';

export interface StandaloneMocksOptions extends MockOptions {
  /** Price pushes; false to switch the feed off. */
  prices?: PriceTickerOptions | false;
  /** Where the fragment serves mockServiceWorker.js (its public folder). */
  serviceWorkerUrl?: string;
}

export interface StandaloneMocks {
  context: ManagedMockContext;
  stop(): void;
}

/** Starts the worker (resolves once it intercepts requests) and the simulated pushes. */
export async function startStandaloneMocks(options: StandaloneMocksOptions = {}): Promise<StandaloneMocks> {
  const context = createMockContext({
    readModelLagMs: 1500,
    sagaStepMs: 1200,
    latencyMs: 250,
    ...options,
  });
  const worker = setupWorker(...handlersFor(context));
  await worker.start({
    // Requests the contract does not describe (Vite's modules, fonts) go to the network quietly.
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
  });
  const stopPrices = options.prices === false ? () => {} : startPriceTicker(context, options.prices);
  return {
    context,
    stop() {
      stopPrices();
      worker.stop();
      context.reset();
    },
  };
}
