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
export function socketClient(
  url: string,
  cookie?: string,
  opts: { reconnection?: boolean; origin?: string; auth?: Record<string, string> } = {},
): Socket {
  return connectClient(url, {
    path: '/realtime',
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(opts.origin ? { origin: opts.origin } : {}) },
    ...(opts.auth ? { auth: opts.auth } : {}),
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

/** A connection the BFF refused on its transport handshake (engine.io answers the upgrade with a 4xx). */
export const REFUSED = /websocket error Unexpected server response: 4\d\d/;

/** Why a socket's connection was refused: socket.io's error and the transport's (e.g. the HTTP status). */
export const refusal = (socket: Socket) =>
  new Promise<string>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the connection was admitted')));
    socket.once('connect_error', (err: Error & { description?: { message?: string } }) =>
      resolve(`${err.message} ${err.description?.message ?? ''}`.trim()),
    );
  });

/** An Engine.IO handshake as a browser's first request makes it: the status and body the BFF answers. */
export async function handshake(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/realtime/?EIO=4&transport=polling`, { headers });
  return { status: res.status, body: await res.text() };
}

/**
 * Every event a socket's connection received on a topic, at the packet level: also what arrives
 * before (or without) the namespace being connected, which socket.io's listeners never see.
 */
export function collectPackets(socket: Socket, topic: string): unknown[] {
  const got: unknown[] = [];
  socket.io.on('packet', (packet: { type: number; data?: unknown[] }) => {
    if (packet.type === 2 && packet.data?.[0] === topic) got.push(packet.data[1]);
  });
  return got;
}

/** The connection-recovery id and offset a socket.io client sends when it reconnects. */
export function recoveryIdOf(socket: Socket): { pid: string; offset: string } {
  const state = socket as unknown as { _pid?: string; _lastOffset?: string };
  if (!state._pid || !state._lastOffset) throw new Error('no recovery id yet');
  return { pid: state._pid, offset: state._lastOffset };
}
