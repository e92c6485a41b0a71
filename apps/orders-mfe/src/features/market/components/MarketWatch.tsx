import { useConnectionState } from '@simplebank/platform';
import { useId, type ReactNode } from 'react';
import {
  Badge,
  ErrorNotice,
  Loading,
  Notice,
  PageHeading,
  Select,
  Table,
  TextField,
  type Column,
} from '@simplebank/ui';
import type { Asset } from '../../../shared/api/assets.ts';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { useAssetFilter, type AssetTypeFilter } from '../hooks/useAssetFilter.ts';
import { PriceCell, PriceTimeCell } from './PriceCell.tsx';

const TYPE_LABELS: Record<Asset['type'], string> = {
  share: 'Share',
  fund: 'Fund',
  bond: 'Bond',
  currency: 'Currency',
};

const columns: Column<Asset>[] = [
  { key: 'symbol', header: 'Symbol', cell: (asset) => asset.symbol, rowHeader: true },
  { key: 'name', header: 'Name', cell: (asset) => asset.name },
  { key: 'type', header: 'Type', cell: (asset) => TYPE_LABELS[asset.type] },
  { key: 'price', header: 'Price', cell: (asset) => <PriceCell asset={asset} />, align: 'end' },
  { key: 'time', header: 'Updated', cell: (asset) => <PriceTimeCell asset={asset} />, align: 'end' },
];

/** Live/offline state of the price feed, in words. */
function FeedState() {
  const state = useConnectionState();
  if (state === 'connected') return <Badge tone="success">Live prices</Badge>;
  return <Badge tone="warning">Live prices paused — refreshing every few seconds</Badge>;
}

/**
 * /trade: every asset with its live price, searchable by symbol or name. `children` (the order
 * ticket, composed by the fragment) comes first, under the heading.
 */
export function MarketWatch({ children }: { children?: ReactNode }) {
  const assets = useAssets();
  const filter = useAssetFilter(assets.data);
  const headingId = useId();

  return (
    <>
      <PageHeading title="Trade" description="Market prices, updated live." actions={<FeedState />} />
      {children}
      <section aria-labelledby={headingId}>
        <h2 id={headingId} className="sb-section-heading">
          Market prices
        </h2>
        <div className="sb-toolbar">
          <TextField
            label="Search assets"
            type="search"
            placeholder="Symbol or name"
            value={filter.search}
            onChange={(event) => filter.setSearch(event.target.value)}
          />
          <Select
            label="Asset type"
            value={filter.type}
            onChange={(event) => filter.setType(event.target.value as AssetTypeFilter)}
            options={[
              { value: 'all', label: 'All types' },
              ...Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label })),
            ]}
          />
        </div>
        {assets.isPending ? (
          <Loading label="Loading market prices…" />
        ) : assets.isError ? (
          <ErrorNotice
            title="We could not load market prices."
            error={assets.error}
            onRetry={() => void assets.refetch()}
          />
        ) : (
          <>
            {assets.data.some((asset) => asset.priceStale) && (
              <Notice tone="warning" title="Some prices are delayed">
                The market is not answering; those prices are the last known ones.
              </Notice>
            )}
            <Table
              caption="Market prices"
              hideCaption
              columns={columns}
              rows={filter.visible}
              rowKey={(asset) => asset.id}
              empty={assets.data.length === 0 ? 'No assets are listed yet.' : 'No asset matches your search.'}
            />
          </>
        )}
      </section>
    </>
  );
}
