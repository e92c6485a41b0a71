// lightweight-charts draws on a canvas, which jsdom lacks: the fragment's tests replace it (setup.ts)
// with this recorder, so a test can check what the page gave the chart.
import { vi } from 'vitest';

export interface ChartPoint {
  time: number;
  value: number;
}

/** What the page gave the chart's series: the data set last, and the points added after. */
export const chartRecord = { data: [] as ChartPoint[], updates: [] as ChartPoint[], charts: 0 };

export function resetChartRecord() {
  chartRecord.data = [];
  chartRecord.updates = [];
  chartRecord.charts = 0;
}

export const fakeLightweightCharts = {
  AreaSeries: { type: 'Area' },
  ColorType: { Solid: 'solid' },
  createChart: vi.fn(() => {
    chartRecord.charts += 1;
    return {
      addSeries: () => ({
        setData: (data: ChartPoint[]) => {
          chartRecord.data = data;
        },
        update: (point: ChartPoint) => {
          chartRecord.updates.push(point);
        },
        applyOptions: () => {},
      }),
      applyOptions: () => {},
      timeScale: () => ({ fitContent: () => {} }),
      remove: () => {},
    };
  }),
};
