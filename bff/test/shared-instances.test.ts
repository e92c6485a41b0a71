import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF, login, makeApp, type TestApp } from './helpers.ts';

// Several BFF instances share one data folder (bff/README.md, Scale-out): what one of them changes
// about sessions and users must hold on the others at once, not after a restart.
describe('two BFF instances sharing a data folder', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await makeApp();
    b = await makeApp({ dataDir: a.dir, registryDir: path.join(a.dir, 'registry') });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const whoAmI = (t: TestApp, cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });

  it('ends a session on every instance when the user logs out on one', async () => {
    const alice = await login(a.app, 'alice');
    expect((await whoAmI(b, alice)).statusCode).toBe(200);

    const logout = await a.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { ...CSRF, cookie: alice },
    });
    expect(logout.statusCode).toBeLessThan(300);

    expect((await whoAmI(a, alice)).statusCode).toBe(401);
    expect((await whoAmI(b, alice)).statusCode).toBe(401);
  });

  it('applies a role change made on one instance to the next request on another', async () => {
    const admin = await login(a.app, 'admin');
    const bob = await login(b.app, 'bob');
    const adminRoute = () =>
      b.app.inject({ method: 'GET', url: '/api/admin/flags', headers: { cookie: bob } });
    expect((await adminRoute()).statusCode).toBe(403);

    const promote = await a.app.inject({
      method: 'PUT',
      url: '/api/admin/users/u-bob/roles',
      headers: { ...CSRF, cookie: admin },
      payload: { roles: ['customer', 'admin'] },
    });
    expect(promote.statusCode).toBe(200);
    expect((await adminRoute()).statusCode).toBe(200);
    expect((await whoAmI(b, bob)).json().user.roles).toEqual(['customer', 'admin']);
  });
});
