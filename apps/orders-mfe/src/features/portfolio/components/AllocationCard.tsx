import { Card, formatMoney, formatPercent, Loading, Table, type Column } from '@simplebank/ui';
import { lazy, Suspense, useMemo } from 'react';
import { allocationByAsset, SLICE_COLOURS, type AllocationSlice } from '../hooks/allocation.ts';
import type { ValuedHolding } from '../hooks/useValuedHoldings.ts';
import './portfolio-charts.css';

const AllocationChart = lazy(() => import('./AllocationChart.tsx'));

/** Slices beyond this many are summed up as "Other", so the chart stays readable. */
const MAX_SLICES = 7;

function withOther(slices: AllocationSlice[], total: string): AllocationSlice[] {
  if (slices.length <= MAX_SLICES + 1) return slices;
  const rest = slices.slice(MAX_SLICES);
  const value = rest.reduce((sum, slice) => sum + Number(slice.value), 0);
  return [
    ...slices.slice(0, MAX_SLICES),
    {
      assetId: 'other',
      symbol: 'Other',
      name: `${rest.length} more assets`,
      // Display only: the exact values are in the holdings tables.
      value: value.toFixed(2),
      percent: ((value / Number(total)) * 100).toFixed(2),
    },
  ];
}

/** Allocation by asset: a donut and, for everyone, the same as a table. */
export function AllocationCard({ holdings, currency }: { holdings: ValuedHolding[]; currency: string }) {
  const allocation = useMemo(() => allocationByAsset(holdings, currency), [holdings, currency]);
  const slices = withOther(allocation.slices, allocation.total);
  if (slices.length === 0) return null;
  const columns: Column<AllocationSlice & { index: number }>[] = [
    {
      key: 'asset',
      header: 'Asset',
      rowHeader: true,
      cell: (slice) => (
        <span className="sb-allocation-asset">
          <span
            className="sb-allocation-swatch"
            style={{ background: SLICE_COLOURS[slice.index % SLICE_COLOURS.length] }}
            aria-hidden="true"
          />
          {slice.symbol} <span className="sb-muted">{slice.name}</span>
        </span>
      ),
    },
    { key: 'value', header: 'Value', cell: (slice) => formatMoney(slice.value, currency), align: 'end' },
    { key: 'share', header: 'Share', cell: (slice) => formatPercent(slice.percent), align: 'end' },
  ];
  return (
    <Card title="Allocation">
      <div className="sb-allocation">
        <Suspense fallback={<Loading label="Loading the chart…" />}>
          <AllocationChart slices={slices} />
        </Suspense>
        <Table
          caption="Allocation by asset"
          columns={columns}
          rows={slices.map((slice, index) => ({ ...slice, index }))}
          rowKey={(slice) => slice.assetId}
          empty="Nothing to allocate."
        />
      </div>
      {allocation.otherCurrencies.length > 0 && (
        <p className="sb-muted">
          Holdings in {allocation.otherCurrencies.join(', ')} are not included: they are valued in another
          currency.
        </p>
      )}
    </Card>
  );
}
