// Loaded on demand (React.lazy in AllocationCard.tsx): the charting library is fetched after the
// portfolio's first render, not with it.
import { Cell, Pie, PieChart } from 'recharts';
import { SLICE_COLOURS, type AllocationSlice } from '../hooks/allocation.ts';

/**
 * A donut of the allocation. Drawing only (aria-hidden, no keyboard layer, no tooltip): the
 * allocation table next to it says the same in words and figures.
 */
export default function AllocationChart({ slices }: { slices: AllocationSlice[] }) {
  return (
    <div className="sb-allocation-chart" aria-hidden="true">
      <PieChart width={200} height={200} accessibilityLayer={false}>
        <Pie
          data={slices.map((slice) => ({ name: slice.symbol, value: Number(slice.value) }))}
          dataKey="value"
          nameKey="name"
          innerRadius={55}
          outerRadius={95}
          isAnimationActive={false}
          // Out of the tab order: the chart is aria-hidden, and its figures are in the table.
          rootTabIndex={-1}
          stroke="none"
        >
          {slices.map((slice, index) => (
            <Cell key={slice.assetId} fill={SLICE_COLOURS[index % SLICE_COLOURS.length]} />
          ))}
        </Pie>
      </PieChart>
    </div>
  );
}
