import type { FastifyRequest } from 'fastify';
import {
  ApiError,
  notFound,
  requireAdmin,
  type Database,
  type OperationHandler,
} from '@simplebank/service-kit';
import { assetCatalog, catalogById } from './catalog.ts';
import type { Faults, SharedFaults } from './faults.ts';
import { marketOrderDto, type MarketOrderRow } from './gateway.ts';
import { readHistory, readQuotes, type DayQuote } from './prices.ts';

type Req<T extends object> = FastifyRequest<T>;

export interface MarketRouteDeps {
  db: Database;
  faults: SharedFaults;
  setPrice(assetId: string, price: string): Promise<void>;
}

function requireUp(faults: Faults): void {
  if (faults.down) throw new ApiError(503, 'MARKET_UNAVAILABLE', 'the market is down');
}

export function marketHandlers(deps: MarketRouteDeps): Record<string, OperationHandler> {
  // Quotes come from the shared table, not this instance's memory: every instance answers alike.
  const { db } = deps;
  const faults = deps.faults.current;
  const assetDto = (id: string, quotes: Map<string, DayQuote>) => {
    const asset = catalogById.get(id);
    if (!asset) throw notFound('asset', id);
    const quote = quotes.get(id)!;
    return {
      id: asset.id,
      symbol: asset.symbol,
      name: asset.name,
      type: asset.type,
      currency: asset.currency,
      price: quote.price,
      priceTime: quote.at.toISOString(),
      day: quote.day,
    };
  };
  return {
    listAssets: async (req) => {
      requireUp(faults);
      const { type } = (req as Req<{ Querystring: { type?: string } }>).query;
      const quotes = await readQuotes(db);
      return {
        items: assetCatalog.filter((a) => !type || a.type === type).map((a) => assetDto(a.id, quotes)),
      };
    },
    getAsset: async (req) => {
      requireUp(faults);
      return assetDto((req as Req<{ Params: { assetId: string } }>).params.assetId, await readQuotes(db));
    },
    getPriceHistory: async (req) => {
      requireUp(faults);
      const r = req as Req<{ Params: { assetId: string }; Querystring: { limit?: number } }>;
      if (!catalogById.has(r.params.assetId)) throw notFound('asset', r.params.assetId);
      return {
        assetId: r.params.assetId,
        items: (await readHistory(db, r.params.assetId, r.query.limit ?? 120)).map((p) => ({
          price: p.price,
          at: p.at.toISOString(),
        })),
      };
    },
    listPrices: async (req) => {
      requireUp(faults);
      const ids = ((req as Req<{ Querystring: { assetIds?: string } }>).query.assetIds ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const wanted = ids.length > 0 ? ids.filter((id) => catalogById.has(id)) : assetCatalog.map((a) => a.id);
      const quotes = await readQuotes(db);
      return {
        items: wanted.map((id) => ({
          assetId: id,
          price: quotes.get(id)!.price,
          currency: catalogById.get(id)!.currency,
          at: quotes.get(id)!.at.toISOString(),
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
      return deps.faults.follow();
    },
    setFaults: async (req) => {
      requireAdmin(req);
      const changed = await deps.faults.change((req as Req<{ Body: Partial<Faults> }>).body);
      req.log.warn({ faults: changed }, 'market faults changed');
      return changed;
    },
    setPrice: async (req) => {
      requireAdmin(req);
      const r = req as Req<{ Params: { assetId: string }; Body: { price: string } }>;
      if (!catalogById.has(r.params.assetId)) throw notFound('asset', r.params.assetId);
      if (Number(r.body.price) <= 0)
        throw new ApiError(422, 'PRICE_NOT_POSITIVE', 'a price must be above zero');
      await deps.setPrice(r.params.assetId, r.body.price);
      return assetDto(r.params.assetId, await readQuotes(db));
    },
  };
}
