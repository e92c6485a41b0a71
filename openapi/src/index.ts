// Types of the BFF's public API, generated from bff.yaml (see scripts/generate.mjs).
export type { paths, components, operations } from './generated/bff.ts';

import type { components } from './generated/bff.ts';

/** Shorthand for a named schema of bff.yaml: `Schema<'Order'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export {
  FINAL_ORDER_STATUSES,
  ORDER_STATUSES,
  isFinalInvestmentStatus,
  investmentOutcome,
  isFinalOrderStatus,
  type FinalOrderStatus,
  type OpenOrderStatus,
} from './order-status.ts';
