import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsBackbone, createMessage, serverSuite } from '@simplebank/events';
import { TEST_POSTGRES_URL, createLogger, dropSchema, testTrust } from '@simplebank/service-kit';
import { startOrdersService, type RunningOrdersService } from './service.ts';

// Two orders instances on NATS JetStream and one PostgreSQL schema: each prices orders from its
// own cache, so each must see every price tick.
const nats = await serverSuite('NATS JetStream', '127.0.0.1', 4222);
const postgres = await serverSuite('PostgreSQL', '127.0.0.1', 5432);
const tag = randomUUID().replace(/-/g, '').slice(0, 10);
const schema = `p_${tag}`;
const connect = () =>
  NatsBackbone.connect({ url: 'nats://127.0.0.1:4222', stream: `PRICES_${tag}`, subjectPrefix: `p${tag}` });

describe.skipIf(!nats.run || !postgres.run)('orders price cache with two instances on NATS', () => {
  const logger = createLogger('price-feed-test', 'silent');
  const buses: NatsBackbone[] = [];
  const instances: RunningOrdersService[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const bus = await connect();
      buses.push(bus);
      instances.push(
        await startOrdersService({
          bus,
          database: { url: TEST_POSTGRES_URL, schema },
          readModelLagMs: 0,
          trust: await testTrust('orders'),
          logger,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const orders of instances) await orders.stop();
    await buses[0]?.deleteStream().catch(() => undefined);
    for (const bus of buses) await bus.close();
    await dropSchema(TEST_POSTGRES_URL, schema);
  });

  it('hands every tick to every instance', async () => {
    const base = Date.now();
    const prices = Array.from({ length: 12 }, (_, n) => `${100 + n}.00`);
    for (const [n, price] of prices.entries()) {
      await buses[0]!.publish(
        createMessage(
          'evt.market.PriceTick',
          { prices: [{ assetId: 'ACME', price, currency: 'USD', at: new Date(base + n).toISOString() }] },
          { source: 'test' },
        ),
      );
    }
    // Each instance sees the last tick; with the ticks split between them only one would.
    for (const orders of instances)
      await expect.poll(() => orders.prices.get('ACME')?.price, { timeout: 30_000 }).toBe(prices.at(-1));
    // ... and every tick on the way (its cache follows ticks in order, one by one).
    const seen = instances.map(() => new Set<string>());
    for (const [i, orders] of instances.entries()) {
      const original = orders.prices.apply.bind(orders.prices);
      orders.prices.apply = async (message) => {
        if (message.type === 'evt.market.PriceTick')
          for (const p of message.data.prices) seen[i]!.add(p.price);
        return original(message);
      };
    }
    const more = ['200.00', '201.00', '202.00', '203.00'];
    for (const [n, price] of more.entries())
      await buses[1]!.publish(
        createMessage(
          'evt.market.PriceTick',
          {
            prices: [{ assetId: 'ACME', price, currency: 'USD', at: new Date(base + 100 + n).toISOString() }],
          },
          { source: 'test' },
        ),
      );
    for (const set of seen) await expect.poll(() => [...set].sort(), { timeout: 30_000 }).toEqual(more);
  });
});
