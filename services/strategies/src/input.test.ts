import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBackbone } from '@simplebank/events';
import { createLogger, injectAs, testServiceKeys, testTrust } from '@simplebank/service-kit';
import { startStrategiesService, type RunningStrategiesService } from './service.ts';

// Input the strategies service cannot store is a 400 naming the field, not a 500 (issue 10, defect 8).
let bus: InProcessBackbone;
let strategies: RunningStrategiesService;
beforeAll(async () => {
  bus = new InProcessBackbone();
  strategies = await startStrategiesService({
    bus,
    database: { dataDir: 'memory://' },
    // Never called here: no investment is made.
    ordersUrl: 'http://127.0.0.1:9',
    ordersTokenKey: (await testServiceKeys()).strategies.privateKey,
    logger: createLogger('test', 'silent'),
    trust: await testTrust('strategies'),
  });
});
afterAll(async () => {
  await strategies.stop();
  await bus.close();
});

describe('strategies: text the database cannot hold', () => {
  it('refuses a NUL in a strategy name with 400 naming the field, and stores nothing', async () => {
    const res = await injectAs('admin', strategies.app, {
      method: 'POST',
      url: '/strategies',
      payload: { name: 'Tech\u0000Tilt', allocations: [{ assetId: 'ACME', percentage: 100 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ field: 'name', reason: 'must not contain control characters' }]);
    const drafts = await injectAs('admin', strategies.app, {
      method: 'GET',
      url: '/strategies?status=draft',
    });
    expect(drafts.json().items).toEqual([]);
  });
});
