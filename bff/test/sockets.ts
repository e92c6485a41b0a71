import type { FastifyInstance } from 'fastify';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { OrderView } from '@simplebank/events';

/** Listens on a free loopback port and returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** A socket.io client as the platform's realtime client opens it (websocket, session cookie). */
export function socketClient(url: string, cookie?: string, opts: { reconnection?: boolean } = {}): Socket {
  return connectClient(url, {
    path: '/realtime',
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 50,
    forceNew: true,
  });
}

export const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

/** Everything a socket receives on a topic, for later inspection. */
export function collect(socket: Socket, topic: string): unknown[] {
  const got: unknown[] = [];
  socket.on(topic, (m: unknown) => got.push(m));
  return got;
}

export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

const at = '2026-11-26T10:00:00.000Z';

/** An orders read-model view as the orders service announces it (evt.orders.OrderViewUpdated). */
export function orderView(id: string, accountId: string, version: number): OrderView {
  return {
    id,
    accountId,
    assetId: 'ABC',
    side: 'buy',
    type: 'market',
    quantity: '2',
    amountMinor: null,
    limitPrice: null,
    currency: 'EUR',
    status: 'placed',
    statusReason: null,
    cancelRequested: false,
    feeMinor: 150,
    fillPrice: null,
    filledQuantity: null,
    source: { kind: 'customer' },
    idempotencyKey: `key-${id}`,
    requestedBy: 'u-x',
    steps: { createdAt: at, placedAt: at },
    version,
    createdAt: at,
    updatedAt: at,
    projectedAt: at,
  };
}
