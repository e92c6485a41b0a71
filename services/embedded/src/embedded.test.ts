import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BFF_ISSUER, ServiceTokenSigner, createLogger, type ServiceKeys } from '@simplebank/service-kit';
import type { AnyEnvelope } from '@simplebank/events';
import { startEmbeddedServices } from './embedded.ts';

let services: { urls: Record<string, string> };
const dataDir = mkdtempSync(join(tmpdir(), 'embedded-'));
const logger = createLogger('embedded-test', 'silent');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let keys: ServiceKeys;
/** Calls a service as the BFF does: with a token signed by the embedded default's BFF key. */
const json = async (url: string, init: RequestInit = {}) => {
  const signer = await ServiceTokenSigner.fromKey(BFF_ISSUER, keys.bff.privateKey);
  const audience = Object.entries(services.urls).find(([, base]) => url.startsWith(base))![0];
  const authorization = await signer.header({ audience, userId: 'u-alice', roles: ['customer'] });
  const res = await fetch(url, { ...init, headers: { ...(init.headers as object), authorization } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items?: unknown[] } };
};

describe('startEmbeddedServices', () => {
  it('runs the four services in one process over real ports, with seeded data, and keeps their data across restarts', async () => {
    const first = await startEmbeddedServices({
      dataDir,
      readModelLagMs: 50,
      market: { tickMs: 100 },
      depositDelayMs: 50,
      logger,
    });
    services = first;
    keys = first.keys;
    let orderId: string;
    try {
      for (const url of Object.values(first.urls))
        expect((await json(`${url}/health/ready`)).body.status).toBe('ready');
      expect(
        (await json(`${first.urls.accounts}/accounts?customerIds=c-alice,c-bob`)).body.items,
      ).toHaveLength(3);
      expect((await json(`${first.urls.strategies}/strategies?status=published`)).body.items).toHaveLength(2);
      expect((await json(`${first.urls.market}/assets`)).body.items!.length).toBeGreaterThanOrEqual(20);

      const views: AnyEnvelope[] = [];
      await first.bus.subscribe({
        consumer: 'bff-test',
        subjects: ['evt.orders.OrderViewUpdated'],
        handler: async (m) => void views.push(m),
      });
      const created = await json(`${first.urls.orders}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
          'x-request-id': 'req-embedded-1',
        },
        body: JSON.stringify({
          accountId: 'a-alice-1',
          assetId: 'WRLD',
          side: 'buy',
          type: 'market',
          quantity: '1',
        }),
      });
      expect(created.status).toBe(201);
      orderId = (created.body.order as { id: string }).id;
      await expect
        .poll(
          async () =>
            ((await json(`${first.urls.orders}/orders/${orderId}`)).body.order as { status: string } | null)
              ?.status,
          { timeout: 20_000 },
        )
        .toBe('completed');
      await expect
        .poll(() =>
          views.some(
            (m) =>
              m.type === 'evt.orders.OrderViewUpdated' &&
              (m.data as { view: { status: string } }).view.status === 'completed',
          ),
        )
        .toBe(true);
    } finally {
      await first.stop();
    }
    expect(readdirSync(dataDir).sort()).toEqual(['keys', 'pglite']);

    const second = await startEmbeddedServices({ dataDir, readModelLagMs: 0, market: { tickMs: 0 }, logger });
    services = second;
    try {
      // The keys generated on first start are kept: a BFF configured with them still gets in.
      expect(second.keys).toEqual(keys);
      const unsigned = await fetch(`${second.urls.accounts}/accounts?customerIds=c-alice`);
      expect(unsigned.status).toBe(401);
      expect(
        ((await json(`${second.urls.orders}/orders/${orderId!}`)).body.order as { status: string }).status,
      ).toBe('completed');
      // Seeding is idempotent: still three accounts, and alice's cash reflects the trade.
      const accounts = (await json(`${second.urls.accounts}/accounts?customerIds=c-alice,c-bob`)).body
        .items as { id: string; cashAvailableMinor: number }[];
      expect(accounts).toHaveLength(3);
      expect(accounts.find((a) => a.id === 'a-alice-1')!.cashAvailableMinor).toBeLessThan(10_000_000);
    } finally {
      await second.stop();
    }
  });
});
