import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { AuthOptions } from '../auth/auth-plugin.ts';
import { decodeClaims, SESSION_COOKIE } from '../auth/sessions.ts';
import type { SessionUser } from '../auth/user-store.ts';

/** Topics of docs/CONTRACTS.md; every message carries the entity's `version`. */
export type Topic = 'orders' | 'prices' | 'strategies' | 'investments' | 'deployments' | 'flags' | 'resync';
export interface VersionedMessage {
  version: number;
  [key: string]: unknown;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const topicRoom = (topic: Topic) => `topic:${topic}`;
export const ADMINS_ROOM = 'admins';

/** Topics sent to every subscriber; the others (orders, investments) only reach their owner's room. */
const BROADCAST_TOPICS = new Set<string>(['prices', 'strategies', 'deployments', 'flags']);

export interface RealtimeOptions {
  auth: AuthOptions;
  /** Scale-out: pushes from any instance reach sockets on every instance. */
  redisUrl: string | null;
  /** Stream and channel prefix in Redis: instances of one deployment share it. */
  redisPrefix?: string;
  /** Price ticks are conflated per asset: at most one per asset per interval. */
  priceIntervalMs?: number;
}

/**
 * socket.io at `/realtime` on the BFF's own server: authenticated by the session cookie, each socket
 * in its user's room (admins also in the admins' room), connection state recovery on; a socket
 * whose state could not be recovered is told to `resync` (refetch) so it never misses an update.
 */
export class Realtime {
  readonly io: Server;
  private readonly pendingPrices = new Map<string, VersionedMessage>();
  private priceTimer: NodeJS.Timeout | null = null;
  private redis: ReturnType<typeof createClient> | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly opts: RealtimeOptions,
  ) {
    this.io = new Server(app.server, {
      path: '/realtime',
      serveClient: false,
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    });
    this.io.use((socket, next) => {
      const user = this.authenticate(socket);
      if (!user) return next(new Error('unauthenticated'));
      socket.data.user = user;
      next();
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  async start(): Promise<void> {
    if (!this.opts.redisUrl) return;
    this.redis = createClient({ url: this.opts.redisUrl });
    this.redis.on('error', (err: Error) => this.app.log.error({ err: err.message }, 'redis error'));
    await this.redis.connect();
    const prefix = this.opts.redisPrefix ?? 'simplebank-bff';
    this.io.adapter(
      createAdapter(this.redis, {
        streamName: `${prefix}:stream`,
        channelPrefix: prefix,
        sessionKeyPrefix: `${prefix}:session:`,
      }),
    );
  }

  /** Readiness: Redis answers a PING (only called when REDIS_URL is set). */
  async checkRedis(): Promise<void> {
    if (!this.redis?.isReady) throw new Error('not connected to Redis');
    await this.redis.ping();
  }

  private authenticate(socket: Socket): SessionUser | null {
    const raw = this.app.parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
    if (!raw) return null;
    const unsigned = this.app.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return null;
    const claims = decodeClaims(unsigned.value);
    if (!claims || claims.exp * 1000 <= Date.now() || this.opts.auth.revoked.isRevoked(claims.sid))
      return null;
    return this.opts.auth.users.get(claims.uid);
  }

  private onConnection(socket: Socket): void {
    const user = socket.data.user as SessionUser;
    // The platform client subscribes per topic (docs/CONTRACTS.md): broadcast topics reach only the
    // sockets that asked, so a page without a price view gets no ticks.
    socket.on('subscribe', (topic: unknown) => {
      if (typeof topic === 'string' && BROADCAST_TOPICS.has(topic))
        void socket.join(topicRoom(topic as Topic));
    });
    socket.on('unsubscribe', (topic: unknown) => {
      if (typeof topic === 'string' && BROADCAST_TOPICS.has(topic))
        void socket.leave(topicRoom(topic as Topic));
    });
    if (!socket.recovered) {
      void socket.join([userRoom(user.id), ...(user.roles.includes('admin') ? [ADMINS_ROOM] : [])]);
      // Missed messages could not be replayed (first connection or recovery failed): refetch.
      socket.emit('resync', { version: 0, reason: 'not-recovered' });
    }
  }

  toUser(userId: string, topic: Topic, message: VersionedMessage): void {
    this.io.to(userRoom(userId)).emit(topic, message);
  }

  toAdmins(topic: Topic, message: VersionedMessage): void {
    this.io.to(ADMINS_ROOM).emit(topic, message);
  }

  /** To every socket subscribed to a broadcast topic. */
  toSubscribers(topic: Topic, message: VersionedMessage): void {
    this.io.to(topicRoom(topic)).emit(topic, message);
  }

  /**
   * To every socket subscribed to a broadcast topic, each with its own message: feature flags are
   * evaluated per user (role targeting), with the user's current roles rather than those at connect.
   * fetchSockets spans every instance when the Redis adapter is on.
   */
  async toSubscribersEach(topic: Topic, messageFor: (user: SessionUser) => VersionedMessage): Promise<void> {
    for (const socket of await this.io.in(topicRoom(topic)).fetchSockets()) {
      const connected = socket.data.user as SessionUser | undefined;
      const user = connected ? (this.opts.auth.users.get(connected.id) ?? connected) : undefined;
      if (user) socket.emit(topic, messageFor(user));
    }
  }

  /** Conflated: only the latest tick per asset within an interval is sent. */
  price(assetId: string, message: VersionedMessage): void {
    this.pendingPrices.set(assetId, message);
    this.priceTimer ??= setTimeout(() => {
      this.priceTimer = null;
      const batch = [...this.pendingPrices.values()];
      this.pendingPrices.clear();
      for (const tick of batch) this.toSubscribers('prices', tick);
    }, this.opts.priceIntervalMs ?? 250);
  }

  async close(): Promise<void> {
    if (this.priceTimer) clearTimeout(this.priceTimer);
    await new Promise<void>((resolve) => {
      void this.io.close(() => resolve());
    });
    await this.redis?.quit().catch(() => undefined);
  }
}
