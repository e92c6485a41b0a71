import type { OrderView } from '@simplebank/events';

const at = new Date().toISOString();

/** A read-model view as the orders service announces it; only the id and version matter here. */
export function benchOrderView(id: string, accountId: string, version: number): OrderView {
  return {
    id,
    accountId,
    assetId: 'ACME',
    side: 'buy',
    type: 'limit',
    quantity: '1',
    amountMinor: null,
    limitPrice: '1.00',
    currency: 'USD',
    status: 'placed',
    statusReason: null,
    cancelRequested: false,
    feeMinor: 100,
    fillPrice: null,
    filledQuantity: null,
    source: { kind: 'customer' },
    idempotencyKey: `bench-${id}`,
    requestedBy: 'u-alice',
    steps: { createdAt: at, placedAt: at },
    version,
    createdAt: at,
    updatedAt: at,
    projectedAt: at,
  };
}
