// Types the handler tests read responses as.
import type { Schema } from '@simplebank/openapi';

export type { Investment, Order, PriceTick } from './types.ts';
export type Portfolio = Schema<'Portfolio'>;
