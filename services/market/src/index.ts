export {
  startMarketService,
  type MarketServiceOptions,
  type RunningMarketService,
  MARKET_CONSUMER,
} from './service.ts';
export { assetCatalog, type CatalogAsset } from './catalog.ts';
export { faultsFromEnv, type Faults } from './faults.ts';
