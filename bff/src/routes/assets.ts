import type { FastifyInstance } from 'fastify';
import type { components } from '@simplebank/openapi';
import { contractRoute } from '../http/contract-route.ts';
import { requireUser } from '../auth/auth-plugin.ts';
import { callContext, type Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import { toAsset } from '../downstream/mapping.ts';
import type { PriceCache } from '../downstream/price-cache.ts';
import type { BffContext } from '../context.ts';

type S = components['schemas'];

export interface AssetDeps {
  downstreams: Downstreams;
  prices: PriceCache;
}

/** GET /api/assets: the market's catalogue; its prices also refresh the last known ones. */
export function assetRoutes(app: FastifyInstance, ctx: BffContext, deps: AssetDeps): void {
  const { contract } = ctx;
  const { downstreams, prices } = deps;

  contractRoute<{ Querystring: { type?: S['AssetType'] } }>(
    app,
    contract,
    'GET',
    '/api/assets',
    async (request) => {
      requireUser(request);
      const { body } = await ok(
        downstreams
          .api('market', callContext(request))
          .GET('/assets', { params: { query: { type: request.query.type } } }),
      );
      prices.remember(
        body.items.map((a) => ({ assetId: a.id, price: a.price, currency: a.currency, at: a.priceTime })),
      );
      return { items: body.items.map((a) => toAsset(a)) };
    },
  );
}
