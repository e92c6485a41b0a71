import createClient, { type Client } from 'openapi-fetch';
import type { paths as AccountsPaths } from '@simplebank/openapi/services/accounts';
import type { paths as MarketPaths } from '@simplebank/openapi/services/market';
import type { paths as OrdersPaths } from '@simplebank/openapi/services/orders';
import type { paths as StrategiesPaths } from '@simplebank/openapi/services/strategies';
import {
  DownstreamUnavailable,
  type CallContext,
  type CallOptions,
  type ServiceClient,
} from './service-client.ts';

/** Each service's paths, generated from its contract in openapi/services/. */
export interface ServicePaths {
  orders: OrdersPaths;
  accounts: AccountsPaths;
  market: MarketPaths;
  strategies: StrategiesPaths;
}

export type ServiceApi<N extends keyof ServicePaths> = Client<ServicePaths[N]>;

/**
 * openapi-fetch over one service, typed by its contract: paths, parameters, bodies and answers are
 * checked at compile time. The exchange itself is the resilient client's (breaker, retries,
 * deadline, service token), bound to the context of the request being served.
 */
export function serviceApi<N extends keyof ServicePaths>(
  client: ServiceClient,
  ctx: CallContext,
  opts: CallOptions = {},
): ServiceApi<N> {
  return createClient<ServicePaths[N]>({
    baseUrl: client.baseUrl.replace(/\/$/, ''),
    fetch: client.fetcher(ctx, opts),
  });
}

/**
 * The body of a successful answer. A 4xx or 5xx never gets here (the client throws them), so an
 * absent body means the service answered nothing where its contract promises a document.
 */
export async function ok<R extends { data?: unknown; response: Response }>(
  pending: Promise<R>,
): Promise<{ status: number; body: NonNullable<R['data']> }> {
  const { data, response } = await pending;
  if (data === undefined || data === null)
    throw new DownstreamUnavailable('downstream', `empty answer (${response.status})`);
  return { status: response.status, body: data };
}
