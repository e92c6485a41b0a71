// MSW for vitest (Node): a server with the default handlers. Typical test setup:
//   beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
//   afterEach(() => { server.resetHandlers(); mockContext.reset(); });
//   afterAll(() => server.close());
import { setupServer } from 'msw/node';
import { handlers, mockContext } from './index.ts';

export const server = setupServer(...handlers);
export { mockContext, handlers };
export * from './index.ts';
