import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServices, type EmbeddedServices } from '@simplebank/services-embedded';
import { quoteOf } from '../src/routes/market-history.ts';
import { expectContract, login, makeApp, type TestApp } from './helpers.ts';

const OP = '/api/assets/{assetId}/history';

describe('GET /api/assets/{assetId}/history (issue 15: the trade screen chart), real market', () => {
  let services: EmbeddedServices;
  let t: TestApp;
  let alice: string;
  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    // A fast tick, so the market has a few prices of each asset within the test.
    services = await startEmbeddedServices({
      dataDir: 'memory://',
      readModelLagMs: 0,
      logLevel: 'silent',
      market: { tickMs: 100 },
    });
    t = await makeApp({ services: services.urls, serviceTokenPrivateKey: services.keys.bff.privateKey });
    alice = await login(t.app, 'alice');
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await services?.stop();
  });

  it('answers the prices of the range oldest first, with their quote', async () => {
    await expect
      .poll(async () => (await get('/api/assets/ACME/history?range=5m', alice)).json().points?.length, {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(3);
    const res = await get('/api/assets/ACME/history?range=5m', alice);
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', OP);
    const body = res.json();
    expect(body).toMatchObject({ assetId: 'ACME', currency: 'USD', range: '5m' });
    const times = body.points.map((p: { at: string }) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(Date.now() - 5 * 60_000);
    const prices = body.points.map((p: { price: string }) => Number(p.price));
    expect(body.quote.open).toBe(body.points[0].price);
    expect(body.quote.last).toBe(body.points.at(-1).price);
    expect(Number(body.quote.high)).toBe(Math.max(...prices));
    expect(Number(body.quote.low)).toBe(Math.min(...prices));
    expect(body.quote.from).toBe(body.points[0].at);

    // The default range is a day.
    const day = await get('/api/assets/ACME/history', alice);
    expect(day.statusCode).toBe(200);
    expect(day.json().range).toBe('1d');
  });

  it("lists assets with their trading day: today's open (the exchange's opening price), high and low around the price", async () => {
    const res = await get('/api/assets', alice);
    expect(res.statusCode).toBe(200);
    expectContract(t.app, res, 'GET', '/api/assets');
    const acme = res.json().items.find((a: { id: string }) => a.id === 'ACME');
    // The market started today at ACME's listed price (services/market/src/catalog.ts).
    expect(acme.day).toMatchObject({ date: new Date().toISOString().slice(0, 10), open: '120.00' });
    expect(Number(acme.day.low)).toBeLessThanOrEqual(Number(acme.price));
    expect(Number(acme.day.high)).toBeGreaterThanOrEqual(Number(acme.price));
    expect(Number(acme.day.low)).toBeLessThanOrEqual(120);
    expect(Number(acme.day.high)).toBeGreaterThanOrEqual(120);
  });

  it('refuses an unknown range with 400 naming the field and the values it takes', async () => {
    const res = await get('/api/assets/ACME/history?range=2y', alice);
    expect(res.statusCode).toBe(400);
    expectContract(t.app, res, 'GET', OP);
    const fields = res.json().error.fields;
    expect(fields).toHaveLength(1);
    expect(fields[0].field).toBe('query.range');
    expect(fields[0].reason).toMatch(/allowed values/);
  });

  it('answers 404 for an unknown asset and 401 without a session', async () => {
    const unknown = await get('/api/assets/NOPE/history', alice);
    expect(unknown.statusCode).toBe(404);
    expectContract(t.app, unknown, 'GET', OP);
    const anonymous = await get('/api/assets/ACME/history');
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('quoteOf', () => {
  it('sums up prices: first, last, high, low, change and change in percent', () => {
    expect(
      quoteOf([
        { price: '100.00', at: '2026-11-30T09:00:00.000Z' },
        { price: '104.50', at: '2026-11-30T09:00:01.000Z' },
        { price: '104.10', at: '2026-11-30T09:00:01.500Z' },
        { price: '98.25', at: '2026-11-30T09:00:02.000Z' },
        { price: '101.25', at: '2026-11-30T09:00:03.000Z' },
      ]),
    ).toEqual({
      open: '100.00',
      last: '101.25',
      high: '104.50',
      low: '98.25',
      change: '1.25',
      changePercent: '1.25',
      from: '2026-11-30T09:00:00.000Z',
      to: '2026-11-30T09:00:03.000Z',
    });
  });

  it('is null without prices, and a fall is negative', () => {
    expect(quoteOf([])).toBeNull();
    expect(
      quoteOf([
        { price: '1.0842', at: '2026-11-30T09:00:00.000Z' },
        { price: '1.0800', at: '2026-11-30T09:00:01.000Z' },
      ]),
    ).toMatchObject({ change: '-0.0042', changePercent: '-0.39' });
  });
});
