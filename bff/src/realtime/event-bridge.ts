import type { FastifyBaseLogger } from 'fastify';
import { LRUCache } from 'lru-cache';
import { inMessageSpan } from '@simplebank/service-kit';
import type { UserStore } from '../auth/user-store.ts';
import type { Downstreams } from '../downstream/downstreams.ts';
import { ok } from '../downstream/typed-client.ts';
import {
  toInvestment,
  toOrder,
  toStrategy,
  type ServiceInvestment,
  type ServiceOrder,
  type ServiceStrategy,
} from '../downstream/mapping.ts';
import type { PushObserver } from '../telemetry/realtime-metrics.ts';
import type { Realtime } from './realtime.ts';

/**
 * The part of the event backbone (`@simplebank/events`) the BFF uses: it only reads published
 * messages, so it depends on this shape rather than on the services' code.
 */
export interface EventSource {
  subscribe(options: {
    consumer: string;
    subjects: string[];
    startAt?: 'all' | 'new';
    handler: (message: BackboneMessage) => Promise<void>;
  }): Promise<{ unsubscribe(): Promise<void> }>;
  /** Whether the source can deliver (readiness). */
  isHealthy?(): boolean;
}

export interface OwnerCacheOptions {
  /** Accounts remembered at most (least recently pushed go first). */
  max: number;
  /** How long an account's owner is remembered. */
  ttlMs: number;
}

/** The envelope fields the bridge reads (`occurredAt` dates the push, for its latency). */
export interface BackboneMessage {
  id: string;
  type: string;
  data: unknown;
  occurredAt?: string;
  /** W3C trace context of the span that wrote the event: the push joins that trace. */
  traceContext?: Record<string, string>;
}

const SUBJECTS = ['evt.orders.OrderViewUpdated', 'evt.market.PriceTick', 'evt.strategies.>'];

/**
 * Pushes read-model and domain updates to the sockets they concern: an order view to its owner's
 * room and the admins' room, price ticks (conflated) to everyone, strategy changes to admins (and to
 * everyone once published or retired), investments to their owner and the admins.
 */
export class EventBridge {
  /**
   * accountId → the customer owning it, so a push needs at most one accounts lookup per account.
   * Bounded and aged, so memory stays flat however many accounts the bank has; the users of that
   * customer are taken from the user store on every push, so a new or changed user counts at once.
   */
  private readonly accountOwners: LRUCache<string, string>;
  private subscription: { unsubscribe(): Promise<void> } | null = null;

  constructor(
    private readonly realtime: Realtime,
    private readonly users: UserStore,
    private readonly downstreams: Downstreams,
    private readonly log: FastifyBaseLogger,
    ownerCache: OwnerCacheOptions = { max: 10_000, ttlMs: 10 * 60_000 },
    private readonly pushed: PushObserver = () => undefined,
  ) {
    this.accountOwners = new LRUCache({ max: ownerCache.max, ttl: ownerCache.ttlMs });
  }

  /** Accounts whose owner is remembered now. */
  get cachedAccounts(): number {
    return this.accountOwners.size;
  }

  /** Forgets an account's owner (the next push looks it up again). */
  forgetAccount(accountId: string): void {
    this.accountOwners.delete(accountId);
  }

  async start(source: EventSource, consumer: string): Promise<void> {
    this.subscription = await source.subscribe({
      consumer,
      subjects: SUBJECTS,
      startAt: 'new',
      handler: (m) => inMessageSpan(`push ${m.type}`, 'bff', m, () => this.handle(m)),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
  }

  /** The users of the customer owning an account. */
  async ownersOf(accountId: string): Promise<string[]> {
    const customerId = this.accountOwners.get(accountId) ?? (await this.lookUpOwner(accountId));
    if (!customerId) return [];
    return this.users.idsOfCustomer(customerId);
  }

  private async lookUpOwner(accountId: string): Promise<string | undefined> {
    const { body } = await ok(
      this.downstreams
        .api('accounts', { requestId: `push-${accountId}`, deadline: Date.now() + 2000 })
        .GET('/accounts', { params: { query: { ids: accountId } } }),
    );
    const customerId = body.items[0]?.customerId;
    // An unknown account is not remembered: it may be created a moment later.
    if (customerId) this.accountOwners.set(accountId, customerId);
    return customerId;
  }

  async handle(message: Omit<BackboneMessage, 'id'>): Promise<void> {
    try {
      switch (message.type) {
        case 'evt.orders.OrderViewUpdated': {
          const view = (message.data as { view: ServiceOrder }).view;
          const order = toOrder(view);
          for (const userId of await this.ownersOf(view.accountId))
            this.realtime.toUser(userId, 'orders', order);
          this.realtime.toAdmins('orders', order);
          this.pushed('orders', message.occurredAt);
          return;
        }
        case 'evt.market.PriceTick': {
          for (const p of (message.data as { prices: { assetId: string; price: string; at: string }[] })
            .prices) {
            this.realtime.price(p.assetId, {
              version: Date.parse(p.at),
              assetId: p.assetId,
              price: p.price,
              priceTime: p.at,
            });
          }
          this.pushed('prices', message.occurredAt);
          return;
        }
        default:
          if (message.type.startsWith('evt.strategies.Investment')) {
            const investment = (message.data as { investment: ServiceInvestment }).investment;
            const view = toInvestment({ ...investment, failureReason: investment.failureReason ?? null });
            for (const userId of await this.ownersOf(investment.accountId))
              this.realtime.toUser(userId, 'investments', view);
            this.realtime.toAdmins('investments', view);
            this.pushed('investments', message.occurredAt);
          } else if (message.type.startsWith('evt.strategies.Strategy')) {
            const s = (
              message.data as {
                strategy: Omit<ServiceStrategy, 'updatedAt' | 'investedMinor' | 'investmentCount'>;
              }
            ).strategy;
            const full: ServiceStrategy = {
              updatedAt: s.createdAt,
              investedMinor: 0,
              investmentCount: 0,
              ...s,
            };
            // Drafts concern admins only; published and retired ones every user.
            if (s.status === 'draft') this.realtime.toAdmins('strategies', toStrategy(full, false));
            else this.realtime.toSubscribers('strategies', toStrategy(full, false));
            this.pushed('strategies', message.occurredAt);
          }
      }
    } catch (err) {
      // A push is best effort: the client's resync and version polling cover a lost one.
      this.log.warn({ err: (err as Error).message, type: message.type }, 'could not push an event');
    }
  }
}
