// MSW answers every /api call from the contract's mocks; a request with no handler fails the test.
import '@testing-library/jest-dom/vitest';
import { mockContext, server } from '@simplebank/mocks/node';
import { domWaitMs } from '@simplebank/vitest-config/dom';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  mockContext.reset();
});
afterAll(() => server.close());

// findBy… and waitFor wait for what the user would see, not for a machine's speed (tooling/vitest-config/dom.js).
configure({ asyncUtilTimeout: domWaitMs });
