// Loads the product in headless Chromium as alice and measures what the browser needs to show the
// orders fragment's first screen: the JS bytes it downloads (raw and gzip) and the time to render.
import { chromium, type Browser } from 'playwright-core';
import { gzipSync } from 'node:zlib';

export interface RunFigures {
  jsFiles: number;
  jsRawBytes: number;
  jsGzipBytes: number;
  firstRenderMs: number;
  runtimeCopies: number;
  scripts: { url: string; raw: number; gzip: number }[];
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * One cold load (fresh context: empty cache) of `path` after logging in through the API. The bytes
 * are those downloaded until `complete` is on the page and the network is idle: the screen's lazy
 * parts (the price chart) can be asked for after a quiet moment, and must count in both builds.
 */
export async function measureColdLoad(
  browser: Browser,
  baseUrl: string,
  path: string,
  ready: string,
  complete?: string,
): Promise<RunFigures> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const login = await context.request.post('/api/session', {
    data: { username: 'alice', password: 'alice-pass' },
    headers: { 'x-csrf-protection': '1' },
  });
  if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
  const page = await context.newPage();
  const scripts: { url: string; body: Buffer }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response
        .body()
        .then((body) => void scripts.push({ url: response.url(), body }))
        .catch(() => undefined),
    );
  });
  await page.goto(path, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 });
  const firstRenderMs = await page.evaluate(() => performance.now());
  if (complete) await page.locator(complete).first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
  const sized = scripts.map((s) => ({
    url: new URL(s.url).pathname,
    raw: s.body.length,
    gzip: gzipSync(s.body, { level: 9 }).length,
  }));
  return {
    jsFiles: sized.length,
    jsRawBytes: sized.reduce((sum, s) => sum + s.raw, 0),
    jsGzipBytes: sized.reduce((sum, s) => sum + s.gzip, 0),
    firstRenderMs,
    runtimeCopies: scripts.filter((s) => isFederationRuntime(s.body.toString('latin1'))).length,
    scripts: sized,
  };
}

/** The federation runtime is the one chunk that carries its whole table of RUNTIME-0xx error codes. */
export function isFederationRuntime(source: string) {
  return new Set(source.match(/RUNTIME-0\d\d/g) ?? []).size >= 5;
}

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
