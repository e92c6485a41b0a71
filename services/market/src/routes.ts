import type { FastifyRequest } from 'fastify';
import {
  ApiError,
  notFound,
  requireAdmin,
  type Database,
  type OperationHandler,
} from '@simplebank/service-kit';
import { assetCatalog, catalogById } from './catalog.ts';
import type { Faults } from './faults.ts';
import { marketOrderDto, type MarketOrderRow } from './gateway.ts';
import type { PriceBook } from './prices.ts';

type Req<T extends object> = FastifyRequest<T>;

export interface MarketRouteDeps {
  db: Database;
  prices: PriceBook;
  faults: Faults;
  setPrice(assetId: string, price: string): Promise<void>;
}

function requireUp(faults: Faults): void {
  if (faults.down) throw new ApiError(503, 'MARKET_UNAVAILABLE', 'the market is down');
}

export function marketHandlers(deps: MarketRouteDeps): Record<string, OperationHandler> {
  const { prices, faults } = deps;
  const assetDto = (id: string) => {
    const asset = catalogById.get(id);
    if (!asset) throw notFound('asset', id);
    const quote = prices.get(id)!;
    return {
      id: asset.id,
      symbol: asset.symbol,
      name: asset.name,
      type: asset.type,
      currency: asset.currency,
      price: quote.price,
      priceTime: quote.at.toISOString(),
    };
  };
  return {
    listAssets: async (req) => {
      requireUp(faults);
      const { type } = (req as Req<{ Querystring: { type?: string } }>).query;
      return { items: assetCatalog.filter((a) => !type || a.type === type).map((a) => assetDto(a.id)) };
    },
    getAsset: async (req) => {
      requireUp(faults);
      return assetDto((req as Req<{ Params: { assetId: string } }>).params.assetId);
    },
    getPriceHistory: async (req) => {
      requireUp(faults);
      const r = req as Req<{ Params: { assetId: string }; Querystring: { limit?: number } }>;
      if (!catalogById.has(r.params.assetId)) throw notFound('asset', r.params.assetId);
      return {
        assetId: r.params.assetId,
        items: prices
          .recent(r.params.assetId, r.query.limit ?? 120)
          .map((p) => ({ price: p.price, at: p.at.toISOString() })),
      };
    },
    listPrices: async (req) => {
      requireUp(faults);
      const ids = ((req as Req<{ Querystring: { assetIds?: string } }>).query.assetIds ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const wanted = ids.length > 0 ? ids.filter((id) => catalogById.has(id)) : assetCatalog.map((a) => a.id);
      return {
        items: wanted.map((id) => ({
          assetId: id,
          price: prices.get(id)!.price,
          currency: catalogById.get(id)!.currency,
          at: prices.get(id)!.at.toISOString(),
        })),
      };
    },
    getMarketOrder: async (req) => {
      const { orderId } = (req as Req<{ Params: { orderId: string } }>).params;
      const [row] = await deps.db.query<MarketOrderRow & Record<string, unknown>>(
        `SELECT * FROM market_orders WHERE order_id = $1 AND asset_id <> '?'`,
        [orderId],
      );
      if (!row) throw notFound('market order', orderId);
      return marketOrderDto(row);
    },
    getFaults: async (req) => {
      requireAdmin(req);
      return { ...faults };
    },
    setFaults: async (req) => {
      requireAdmin(req);
      Object.assign(faults, (req as Req<{ Body: Partial<Faults> }>).body);
      req.log.warn({ faults }, 'market faults changed');
      return { ...faults };
    },
    setPrice: async (req) => {
      requireAdmin(req);
      const r = req as Req<{ Params: { assetId: string }; Body: { price: string } }>;
      if (!catalogById.has(r.params.assetId)) throw notFound('asset', r.params.assetId);
      if (Number(r.body.price) <= 0)
        throw new ApiError(422, 'PRICE_NOT_POSITIVE', 'a price must be above zero');
      await deps.setPrice(r.params.assetId, r.body.price);
      return assetDto(r.params.assetId);
    },
  };
}
