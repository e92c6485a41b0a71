import type { ApiClient } from '@simplebank/platform';
import type { Schema } from '@simplebank/openapi';
import { unwrap } from '@simplebank/platform';

/** The admin commands on strategies (POST/PUT under /api/strategies). */
export function strategyCommands(api: ApiClient) {
  return {
    create: async (input: Schema<'StrategyInput'>) =>
      unwrap(await api.POST('/api/strategies', { body: input })),
    update: async (id: string, input: Schema<'StrategyInput'>, expectedVersion: number) =>
      unwrap(
        await api.PUT('/api/strategies/{id}', {
          params: { path: { id } },
          body: { ...input, expectedVersion },
        }),
      ),
    publish: async (id: string, expectedVersion: number) =>
      unwrap(
        await api.POST('/api/strategies/{id}/publish', {
          params: { path: { id } },
          body: { expectedVersion },
        }),
      ),
    retire: async (id: string, expectedVersion: number) =>
      unwrap(
        await api.POST('/api/strategies/{id}/retire', {
          params: { path: { id } },
          body: { expectedVersion },
        }),
      ),
  };
}
