// Shorthands for the BFF contract's schemas, so fixtures and handlers read like the domain.
import type { Schema } from '@simplebank/openapi';

export type Asset = Schema<'Asset'>;
export type Account = Schema<'Account'>;
export type Holding = Schema<'Holding'>;
export type Order = Schema<'Order'>;
export type OrderStatus = Schema<'OrderStatus'>;
export type Strategy = Schema<'Strategy'>;
export type Investment = Schema<'Investment'>;
export type SessionUser = Schema<'SessionUser'>;
export type FragmentRecord = Schema<'FragmentRecord'>;
export type FragmentBuild = Schema<'FragmentBuild'>;
export type FragmentAdminRecord = Schema<'FragmentAdminRecord'>;
export type RegistryState = Schema<'RegistryState'>;
export type AuditEntry = Schema<'AuditEntry'>;
export type ErrorResponse = Schema<'ErrorResponse'>;

/**
 * A price push on the `prices` topic. bff.yaml does not describe realtime payloads yet; this is
 * the shape the mocks send: the asset's new price with a version that only grows.
 */
export interface PriceTick {
  assetId: string;
  price: string;
  priceTime: string;
  version: number;
}

/** Where simulated pushes go: the platform's memory realtime in standalone mode, or a test spy. */
export interface Publisher {
  publish(topic: string, message: unknown): void;
}
