import type { FastifyRequest } from 'fastify';
import type { ServiceTokenSigner } from '@simplebank/service-kit/service-token';
import type { ServiceUrls } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import type { DependencyCheck } from '../routes/health.ts';
import {
  ServiceClient,
  type CallContext,
  type CallObserver,
  type CallOptions,
  type ResilienceSettings,
} from './service-client.ts';
import { serviceApi, type ServiceApi } from './typed-client.ts';

export type ServiceName = keyof ServiceUrls;
const NAMES: ServiceName[] = ['orders', 'accounts', 'market', 'strategies'];

declare module 'fastify' {
  interface FastifyRequest {
    /** Epoch ms by which this request should be answered; downstream calls get what is left. */
    deadline: number;
  }
}

/** The configured downstream services, one resilient client (and breaker) each. */
export class Downstreams {
  private readonly clients = new Map<ServiceName, ServiceClient>();

  constructor(
    urls: ServiceUrls,
    tokens: ServiceTokenSigner,
    settings: Partial<ResilienceSettings> = {},
    observe?: CallObserver,
  ) {
    for (const name of NAMES) {
      const url = urls[name];
      if (url)
        this.clients.set(
          name,
          new ServiceClient(name, url.endsWith('/') ? url : `${url}/`, tokens, settings, undefined, observe),
        );
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.configured().map((client) => client.close()));
  }

  get(name: ServiceName): ServiceClient {
    const client = this.clients.get(name);
    if (!client) throw new ApiError(503, 'unavailable', `The ${name} service is not configured`);
    return client;
  }

  /** The typed API of one service (its contract's paths), calls bound to one request's context. */
  api<N extends ServiceName>(name: N, ctx: CallContext, opts?: CallOptions): ServiceApi<N> {
    return serviceApi<N>(this.get(name), ctx, opts);
  }

  configured(): ServiceClient[] {
    return [...this.clients.values()];
  }

  /** Readiness entries: each downstream's own readiness plus its breaker state. Not critical: the BFF still serves the shell. */
  checks(): DependencyCheck[] {
    return this.configured().map((client) => ({
      name: client.name,
      critical: false,
      check: async () => {
        const breaker = client.state();
        if (breaker === 'open') throw Object.assign(new Error('circuit open'), { breaker });
        // Readiness is asked often: one attempt, no retries.
        const fetch = client.fetcher(
          { requestId: 'readiness', deadline: Date.now() + 1500 },
          { idempotent: false },
        );
        await fetch(new Request(new URL('health/ready', client.baseUrl)));
        return { breaker };
      },
      breaker: () => client.state(),
    }));
  }
}

export function callContext(request: FastifyRequest): CallContext {
  return {
    requestId: String(request.id),
    deadline: request.deadline,
    ...(request.user ? { userId: request.user.id, roles: [...request.user.roles] } : {}),
  };
}
