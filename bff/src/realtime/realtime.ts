import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { resolveSession, type AuthOptions, type ResolvedSession } from '../auth/auth-plugin.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { SessionUser } from '../auth/user-store.ts';
import { originAllowed, ownOriginOf } from '../http/origins.ts';
import { corkBatches } from './corked-writes.ts';

/** Topics of docs/CONTRACTS.md; every message carries the entity's `version`. */
export type Topic = 'orders' | 'prices' | 'strategies' | 'investments' | 'deployments' | 'flags' | 'resync';
export interface VersionedMessage {
  version: number;
  [key: string]: unknown;
}

export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket of one login session: a logout ends exactly these, on every instance. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const topicRoom = (topic: Topic) => `topic:${topic}`;
export const ADMINS_ROOM = 'admins';

/** Topics sent to every subscriber; the others (orders, investments) only reach their owner's room. */
const BROADCAST_TOPICS = new Set<string>(['prices', 'strategies', 'deployments', 'flags']);

/** setTimeout's longest delay; a later expiry is re-armed when the timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a socket carries (`socket.data`; kept with its state for connection recovery). */
interface SocketSession {
  user: SessionUser;
  sessionId: string;
  /** Session expiry, epoch seconds. */
  expiresAt: number;
}

export interface RealtimeOptions {
  auth: AuthOptions;
  /** Origins besides the BFF's own whose pages may open a socket (`ALLOWED_ORIGINS`). */
  allowedOrigins: string[];
  /** Scale-out: pushes from any instance reach sockets on every instance. */
  redisUrl: string | null;
  /** Stream and channel prefix in Redis: instances of one deployment share it. */
  redisPrefix?: string;
  /** Price ticks are conflated per asset: at most one per asset per interval. */
  priceIntervalMs?: number;
}

/** What the session and admin routes need from the realtime layer when a session ends or changes. */
export interface SessionSockets {
  /** Disconnects every socket of a login session, on every instance. */
  endSession(sessionId: string): void;
  /** Puts a user's sockets in or out of the admins' room after a role change, on every instance. */
  rescopeUser(user: SessionUser): void;
}

/**
 * socket.io at `/realtime` on the BFF's own server. A connection is admitted only from our own
 * origin (or an allowed one) with a live session cookie, checked on the transport handshake, before
 * socket.io restores any recovered state (it replays missed messages before its middlewares run),
 * and again by a middleware that also runs on recovered connections, which must belong to the
 * same session. Each socket sits in its user's room, its session's room and (admins) the admins'
 * room; it is disconnected when its session expires or is logged out, and moved in or out of the
 * admins' room when its user's roles change. A socket whose state could not be recovered is told
 * to `resync` (refetch) so it never misses an update.
 */
export class Realtime implements SessionSockets {
  readonly io: Server;
  private readonly pendingPrices = new Map<string, VersionedMessage>();
  /** The last tick sent of each asset, for sockets catching up (flushPrices). */
  private readonly latestPrices = new Map<string, VersionedMessage>();
  /** Sockets of this instance left out of a broadcast of ticks, and the assets they missed. */
  private readonly missedPrices = new Map<Socket, Set<string>>();
  private priceTimer: NodeJS.Timeout | null = null;
  private redis: ReturnType<typeof createClient> | null = null;
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly app: FastifyInstance,
    private readonly opts: RealtimeOptions,
  ) {
    this.allowedOrigins = new Set(opts.allowedOrigins);
    this.io = new Server(app.server, {
      path: '/realtime',
      serveClient: false,
      allowRequest: (request, callback) => {
        this.admitTransport(request).then(
          (refusal) => callback(refusal, refusal === null),
          (err: Error) => callback(err.message, false),
        );
      },
      // Recovered connections run the middlewares too: a recovery id alone proves no session.
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    });
    this.io.use((socket, next) => {
      this.admitSocket(socket).then(
        () => next(),
        (err: Error) => next(err),
      );
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

  private async authenticate(cookieHeader: string | undefined): Promise<ResolvedSession | null> {
    const signed = this.app.parseCookie(cookieHeader ?? '')[SESSION_COOKIE];
    return resolveSession(this.opts.auth, signed, (value) => this.app.unsignCookie(value));
  }

  /** Engine.IO handshake: null admits it, a string is the reason it is refused (HTTP 403). */
  private async admitTransport(request: IncomingMessage): Promise<string | null> {
    if (!originAllowed(request.headers.origin, ownOriginOf(request), this.allowedOrigins))
      return 'origin not allowed';
    return (await this.authenticate(request.headers.cookie)) ? null : 'unauthenticated';
  }

  private async admitSocket(socket: Socket): Promise<void> {
    const session = await this.authenticate(socket.handshake.headers.cookie);
    if (!session) throw new Error('unauthenticated');
    // A recovered socket gets back the rooms of the session it was opened with: only that same
    // session may take them over (another user's cookie with a stolen recovery id may not).
    if (socket.recovered && (socket.data as Partial<SocketSession>).sessionId !== session.claims.sid)
      throw new Error('unauthenticated');
    const data: SocketSession = {
      user: session.user,
      sessionId: session.claims.sid,
      expiresAt: session.claims.exp,
    };
    socket.data = data;
  }

  private onConnection(socket: Socket): void {
    const { user, sessionId } = socket.data as SocketSession;
    corkBatches(socket);
    // The platform client subscribes per topic (docs/CONTRACTS.md): broadcast topics reach only the
    // sockets that asked, so a page without a price view gets no ticks.
    // An optional acknowledgement says the socket is in the room: what is pushed from then on
    // reaches it (the tests wait for it instead of sleeping).
    socket.on('subscribe', (topic: unknown, ack?: unknown) => {
      if (typeof topic === 'string' && BROADCAST_TOPICS.has(topic))
        void socket.join(topicRoom(topic as Topic));
      if (typeof ack === 'function') (ack as () => void)();
    });
    socket.on('unsubscribe', (topic: unknown) => {
      if (typeof topic === 'string' && BROADCAST_TOPICS.has(topic))
        void socket.leave(topicRoom(topic as Topic));
    });
    this.disconnectAtExpiry(socket);
    if (socket.recovered) {
      // The roles may have changed while it was away: its recovered rooms follow the current ones.
      if (user.roles.includes('admin')) void socket.join(ADMINS_ROOM);
      else void socket.leave(ADMINS_ROOM);
      return;
    }
    void socket.join([
      userRoom(user.id),
      sessionRoom(sessionId),
      ...(user.roles.includes('admin') ? [ADMINS_ROOM] : []),
    ]);
    // Missed messages could not be replayed (first connection or recovery failed): refetch.
    socket.emit('resync', { version: 0, reason: 'not-recovered' });
  }

  /** A session's sockets end with it, as its cookie does, on whichever instance they live. */
  private disconnectAtExpiry(socket: Socket): void {
    const { expiresAt } = socket.data as SocketSession;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const left = expiresAt * 1000 - Date.now();
      if (left <= 0) {
        socket.disconnect(true);
        return;
      }
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    };
    arm();
    socket.once('disconnect', () => clearTimeout(timer));
  }

  endSession(sessionId: string): void {
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  rescopeUser(user: SessionUser): void {
    const sockets = this.io.in(userRoom(user.id));
    if (user.roles.includes('admin')) sockets.socketsJoin(ADMINS_ROOM);
    else sockets.socketsLeave(ADMINS_ROOM);
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
    const sockets = await this.io.in(topicRoom(topic)).fetchSockets();
    if (sockets.length === 0) return;
    // One read of the users for all sockets, wherever they are connected.
    const current = new Map((await this.opts.auth.users.list()).map((u) => [u.id, u]));
    for (const socket of sockets) {
      const connected = socket.data.user as SessionUser | undefined;
      const user = connected ? (current.get(connected.id) ?? connected) : undefined;
      if (user) socket.emit(topic, messageFor(user));
    }
  }

  /**
   * Conflated: only the latest tick per asset within an interval is sent, as one broadcast per
   * asset to the `prices` room (socket.io encodes each once, whatever the number of sockets).
   */
  price(assetId: string, message: VersionedMessage): void {
    this.pendingPrices.set(assetId, message);
    this.priceTimer ??= setTimeout(() => this.flushPrices(), this.opts.priceIntervalMs ?? 250);
  }

  /**
   * Sends the interval's ticks. A socket of this instance still writing earlier ones (a slow client:
   * its transport is not writable yet) is left out of the broadcast rather than queued behind, and
   * sent the latest tick of each asset it missed at a later interval, once it is writable: it never
   * holds more than one pending tick per asset, however far behind it falls.
   */
  private flushPrices(): void {
    this.priceTimer = null;
    const batch = [...this.pendingPrices.values()];
    this.pendingPrices.clear();
    for (const tick of batch) this.latestPrices.set(String(tick.assetId), tick);
    const behind: Socket[] = [];
    for (const id of this.io.of('/').adapter.rooms.get(topicRoom('prices')) ?? []) {
      const socket = this.io.of('/').sockets.get(id);
      if (socket && !socket.conn.transport.writable) behind.push(socket);
    }
    // Those that fell behind earlier and can take more now: what they missed and this batch lacks.
    const sending = new Set(batch.map((tick) => String(tick.assetId)));
    for (const [socket, missed] of this.missedPrices) {
      if (!socket.connected) this.missedPrices.delete(socket);
      else if (socket.conn.transport.writable) {
        this.missedPrices.delete(socket);
        for (const assetId of missed) {
          const tick = this.latestPrices.get(assetId);
          if (tick && !sending.has(assetId)) socket.emit('prices', tick);
        }
      }
    }
    const room = behind.length
      ? this.io.to(topicRoom('prices')).except(behind.map((socket) => socket.id))
      : this.io.to(topicRoom('prices'));
    for (const tick of batch) room.emit('prices', tick);
    for (const socket of behind) {
      const missed = this.missedPrices.get(socket) ?? new Set<string>();
      for (const assetId of sending) missed.add(assetId);
      this.missedPrices.set(socket, missed);
    }
    // Catching up must not wait for the market's next tick.
    if (this.missedPrices.size > 0)
      this.priceTimer ??= setTimeout(() => this.flushPrices(), this.opts.priceIntervalMs ?? 250);
  }

  async close(): Promise<void> {
    if (this.priceTimer) clearTimeout(this.priceTimer);
    this.missedPrices.clear();
    await new Promise<void>((resolve) => {
      void this.io.close(() => resolve());
    });
    await this.redis?.quit().catch(() => undefined);
  }
}
