// Issue 14: every error notice shows a short reference a user can quote, and support finds the
// failed request with it in the BFF's log (written to product.log in the e2e data folder).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir, expect, logIn, test } from '../support/product';

/** The BFF's JSON log lines whose request id starts with the quoted reference. */
function logLinesFor(reference: string): { requestId: string; status?: number; path?: string }[] {
  const lines = readFileSync(path.join(dataDir, 'product.log'), 'utf8').split('\n');
  return lines
    .filter((line) => line.startsWith('{') && line.includes(reference))
    .map(
      (line) => JSON.parse(line) as { requestId?: string; service?: string; status?: number; path?: string },
    )
    .filter((entry) => entry.service === 'bff' && entry.requestId?.startsWith(reference))
    .map((entry) => ({ requestId: entry.requestId!, status: entry.status, path: entry.path }));
}

test('an error notice shows a reference that finds the failed request in the BFF log', async ({ page }) => {
  await logIn(page, 'admin');
  await page.goto('/admin/users');
  // alice exists already: the BFF refuses a second user of that name.
  const form = page.getByRole('form', { name: 'Create a user' });
  await form.getByLabel('Username').fill('alice');
  await form.getByLabel('Display name').fill('Alice again');
  await form.getByLabel('Initial password').fill('a-long-enough-password');
  await form.getByRole('button', { name: 'Create user' }).click();

  const notice = form.getByRole('alert').filter({ hasText: 'The user was not created.' });
  await expect(notice).toContainText(/Reference: [0-9a-f]{8}/);
  const reference = (await notice.getByRole('code').textContent())!.trim();
  expect(reference).toMatch(/^[0-9a-f]{8}$/);

  // The BFF wrote one line for that request, with the full id the notice shortened.
  await expect.poll(() => logLinesFor(reference).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const [entry] = logLinesFor(reference);
  expect(entry!.path).toBe('/api/admin/users');
  expect(entry!.status).toBeGreaterThanOrEqual(400);
  await expect(notice.getByRole('code')).toHaveAttribute('title', entry!.requestId);
});
