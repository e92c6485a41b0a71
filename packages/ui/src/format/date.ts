// Dates and times arrive as ISO 8601 strings in UTC; people read them in their own time zone.
import { DEFAULT_LOCALE } from './number.ts';

export interface DateFormatOptions {
  locale?: string;
  /** Defaults to the browser's zone; tests pin 'UTC'. */
  timeZone?: string;
}

function toDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Not a date: ${JSON.stringify(iso)}`);
  return date;
}

function format(iso: string, options: DateFormatOptions, style: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(options.locale ?? DEFAULT_LOCALE, {
    ...style,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(toDate(iso));
}

/** "Nov 26, 2026, 9:28 AM" */
export function formatDateTime(iso: string, options: DateFormatOptions = {}): string {
  return format(iso, options, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Nov 26, 2026" */
export function formatDate(iso: string, options: DateFormatOptions = {}): string {
  return format(iso, options, { dateStyle: 'medium' });
}

/** "9:28:03 AM": seconds matter for price ticks and order steps. */
export function formatTime(iso: string, options: DateFormatOptions = {}): string {
  return format(iso, options, { timeStyle: 'medium' });
}
