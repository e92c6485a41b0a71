// TradingView Lightweight Charts™ — Copyright (c) 2025 TradingView, Inc. https://www.tradingview.com/
// (the library's attribution notice; each page with a chart links to TradingView in the chart's
// caption instead of showing the library's logo on the canvas).
//
// Loaded on demand (React.lazy in features/market/components/QuotePanel.tsx and
// features/portfolio/components/ValueOverTime.tsx): the canvas library is fetched after a page's
// first render, not with it.
import {
  AreaSeries,
  ColorType,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { Schema } from '@simplebank/openapi';

type PricePoint = Schema<'PricePoint'>;

export interface PriceChartProps {
  points: PricePoint[];
  /** The latest pushed price: extends the line without reloading the history. */
  live: { price: string; at: string } | null;
}

const seconds = (at: string) => Math.floor(Date.parse(at) / 1000) as UTCTimestamp;

/**
 * The chart's data: one value per second, ascending, as the library requires (two ticks within the
 * same second keep the later). Values are floats for drawing only; figures on the page stay decimal.
 */
export function chartData(points: PricePoint[]): { time: UTCTimestamp; value: number }[] {
  const bySecond = new Map<number, number>();
  for (const point of points) bySecond.set(seconds(point.at), Number(point.price));
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

/**
 * The theme's colours as the canvas needs them: resolved rgb() values, not the `light-dark()`
 * tokens of packages/ui/src/styles.css, which a canvas cannot read. The line takes the element's
 * own colour (set by the page's CSS); the text, the muted text colour, through a probe element.
 */
function themeColours(element: HTMLElement) {
  const probe = document.createElement('span');
  probe.style.color = 'var(--sb-color-text-muted)';
  element.append(probe);
  const text = getComputedStyle(probe).color;
  probe.remove();
  return { line: getComputedStyle(element).color, text };
}

export default function PriceChart({ points, live }: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Area'> | null>(null);
  const newest = useRef(0);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const colours = themeColours(element);
    const created = createChart(element, {
      autoSize: true,
      layout: {
        attributionLogo: false,
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: colours.text,
      },
      grid: { vertLines: { visible: false }, horzLines: { color: 'rgba(128, 128, 128, 0.2)' } },
      timeScale: { timeVisible: true, secondsVisible: false },
      handleScroll: false,
      handleScale: false,
    });
    chart.current = created;
    series.current = created.addSeries(AreaSeries, {
      lineColor: colours.line,
      topColor: 'rgba(31, 111, 235, 0.35)',
      bottomColor: 'rgba(31, 111, 235, 0.02)',
      lineWidth: 2,
    });
    // The shell's theme toggle sets data-theme on <html>: the canvas follows it.
    const observer = new MutationObserver(() => {
      const next = themeColours(element);
      created.applyOptions({ layout: { textColor: next.text } });
      series.current?.applyOptions({ lineColor: next.line });
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      observer.disconnect();
      created.remove();
      chart.current = null;
      series.current = null;
    };
  }, []);

  useEffect(() => {
    const data = chartData(points);
    series.current?.setData(data);
    chart.current?.timeScale().fitContent();
    newest.current = data.at(-1)?.time ?? 0;
  }, [points]);

  const livePrice = live?.price;
  const liveAt = live?.at;
  useEffect(() => {
    if (livePrice === undefined || liveAt === undefined || !series.current) return;
    const time = seconds(liveAt);
    // The library refuses a point older than its last one; a late tick changes nothing.
    if (time < newest.current) return;
    series.current.update({ time, value: Number(livePrice) });
    newest.current = time;
  }, [livePrice, liveAt]);

  return <div ref={container} className="sb-price-chart" aria-hidden="true" />;
}
