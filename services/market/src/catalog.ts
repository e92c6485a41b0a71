/** The instruments the simulated exchange lists. All quoted in USD; currencies as USD per unit. */
export interface CatalogAsset {
  id: string;
  symbol: string;
  name: string;
  type: 'share' | 'fund' | 'bond' | 'currency';
  currency: string;
  initialPrice: string;
  /** Decimals a price of this asset is quoted with. */
  decimals: number;
  /** Standard deviation of one tick's relative move. */
  volatility: number;
}

const share = (symbol: string, name: string, price: string): CatalogAsset => ({
  id: symbol,
  symbol,
  name,
  type: 'share',
  currency: 'USD',
  initialPrice: price,
  decimals: 2,
  volatility: 0.004,
});
const fund = (symbol: string, name: string, price: string): CatalogAsset => ({
  id: symbol,
  symbol,
  name,
  type: 'fund',
  currency: 'USD',
  initialPrice: price,
  decimals: 2,
  volatility: 0.002,
});
const bond = (symbol: string, name: string, price: string): CatalogAsset => ({
  id: symbol,
  symbol,
  name,
  type: 'bond',
  currency: 'USD',
  initialPrice: price,
  decimals: 3,
  volatility: 0.0005,
});
const currency = (symbol: string, name: string, price: string): CatalogAsset => ({
  id: symbol,
  symbol,
  name,
  type: 'currency',
  currency: 'USD',
  initialPrice: price,
  decimals: 5,
  volatility: 0.0008,
});

export const assetCatalog: CatalogAsset[] = [
  share('ACME', 'Acme Corporation', '120.00'),
  share('GLBX', 'Globex', '85.50'),
  share('INIT', 'Initech', '42.10'),
  share('UMBR', 'Umbrella Health', '210.00'),
  share('STRK', 'Stark Industries', '310.25'),
  share('WAYN', 'Wayne Enterprises', '150.00'),
  share('HOOL', 'Hooli', '95.00'),
  share('SOYL', 'Soylent Foods', '23.40'),
  share('CYBD', 'Cyberdyne Systems', '64.80'),
  share('TYRL', 'Tyrell Robotics', '180.00'),
  fund('WRLD', 'World Equity Index Fund', '100.00'),
  fund('EMKT', 'Emerging Markets Fund', '45.00'),
  fund('GRNE', 'Green Energy Fund', '30.00'),
  fund('DIVI', 'Dividend Income Fund', '55.00'),
  bond('UST2', 'US Treasury 2 Year', '99.200'),
  bond('UST10', 'US Treasury 10 Year', '96.500'),
  bond('CORP5', 'Investment Grade Corporate 5 Year', '101.100'),
  bond('MUNI', 'Municipal Bond 7 Year', '100.300'),
  currency('EUR', 'Euro', '1.08500'),
  currency('GBP', 'British Pound', '1.27000'),
  currency('CHF', 'Swiss Franc', '1.13000'),
  currency('JPY', 'Japanese Yen', '0.00670'),
];

export const catalogById = new Map(assetCatalog.map((a) => [a.id, a]));
