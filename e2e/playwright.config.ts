import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// One product for the whole run, on its own port and data folder, started the way `npm start` starts it.
// Workers re-read this file: the data folder is chosen once, by the runner, and inherited through env.
process.env.SB_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'simplebank-e2e-'));
process.env.SB_E2E_PORT ??= '3310';
const port = Number(process.env.SB_E2E_PORT);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Bounds on a hang, not measures of speed: a test waits for what the user would see, however long
  // a machine busy with another job takes to show it (tooling/vitest-config/dom.js says the same for
  // the jsdom suites). Speed is measured in bench/, never here.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // The product's log (JSON lines with request ids) goes to the data folder, where tests read it
    // (tests/error-reference.spec.ts: the reference a user quotes finds its log line).
    command: `node ../scripts/start.mjs > "${path.join(process.env.SB_E2E_DATA_DIR, 'product.log')}"`,
    url: `${baseURL}/api/health/ready`,
    reuseExistingServer: false,
    // SB_E2E_START_TIMEOUT_MS: more time on a machine busy enough that the product takes longer to start.
    timeout: Number(process.env.SB_E2E_START_TIMEOUT_MS ?? 180_000),
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      // info: one line per request, so any request a test sees has its line in product.log.
      LOG_LEVEL: 'info',
      SIMPLEBANK_DATA_DIR: process.env.SB_E2E_DATA_DIR,
      ORDERS_READ_MODEL_LAG_MS: process.env.ORDERS_READ_MODEL_LAG_MS ?? '2000',
      // Outage drills (tests/service-outage.spec.ts take a service down); drillUrl in support/product.ts.
      SIMPLEBANK_DRILL_PORT: String(port + 1),
    },
  },
});
