import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, CSRF, expectContract, fakeBuild, login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

/**
 * #10 Build 10: control characters are refused in every text field of the BFF's API, with 400
 * naming the field (bff.yaml SingleLineText / MultiLineText). A NUL in a strategy name used to
 * make the strategies service fail, and the BFF answered 503.
 */
const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085'];
const LINE_BREAKS = ['\n', '\r', '\t'];

type Caller = 'anonymous' | 'admin' | 'deploy';
interface TextField {
  op: string;
  field: string;
  caller: Caller;
  /** Line breaks are text here (a description), not a control character to refuse. */
  multiLine?: boolean;
  send: (text: string) => { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown };
}

const strategy = (extra: Record<string, unknown> = {}) => ({
  name: 'Steady',
  description: 'Low risk',
  riskLevel: 'low',
  timeHorizon: 'short',
  allocations: [{ assetId: 'ABC', percentage: '100' }],
  ...extra,
});
const build = fakeBuild('orders', 'control');
const upload = (fragment: Record<string, unknown>, files = build.body.files) => ({
  method: 'PUT' as const,
  url: `/api/admin/fragments/orders/versions/${build.version}`,
  payload: { fragment: { ...build.body.fragment, ...fragment }, files },
});

const FIELDS: TextField[] = [
  {
    op: 'POST /api/session',
    field: 'body.username',
    caller: 'anonymous',
    send: (text) => ({ method: 'POST', url: '/api/session', payload: { username: text, password: 'x' } }),
  },
  {
    op: 'POST /api/session',
    field: 'body.password',
    caller: 'anonymous',
    send: (text) => ({ method: 'POST', url: '/api/session', payload: { username: 'alice', password: text } }),
  },
  ...(['displayName', 'password'] as const).map((name): TextField => ({
    op: 'POST /api/admin/users',
    field: `body.${name}`,
    caller: 'admin',
    send: (text) => ({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: 'new-user',
        displayName: 'New User',
        password: 'a-long-enough-password',
        roles: ['customer'],
        [name]: `${text}-long-enough-text`,
      },
    }),
  })),
  {
    op: 'POST /api/strategies',
    field: 'body.name',
    caller: 'admin',
    send: (text) => ({ method: 'POST', url: '/api/strategies', payload: strategy({ name: text }) }),
  },
  {
    op: 'POST /api/strategies',
    field: 'body.description',
    caller: 'admin',
    multiLine: true,
    send: (text) => ({ method: 'POST', url: '/api/strategies', payload: strategy({ description: text }) }),
  },
  {
    op: 'PUT /api/strategies/{id}',
    field: 'body.name',
    caller: 'admin',
    send: (text) => ({
      method: 'PUT',
      url: '/api/strategies/s-balanced-growth',
      payload: { ...strategy({ name: text }), expectedVersion: 1 },
    }),
  },
  {
    op: 'PUT /api/admin/fragments/{name}/versions/{version}',
    field: 'body.fragment.title',
    caller: 'deploy',
    send: (text) => upload({ title: text }),
  },
  {
    op: 'PUT /api/admin/fragments/{name}/versions/{version}',
    field: 'body.fragment.routes.0',
    caller: 'deploy',
    send: (text) => upload({ routes: [`/orders${text}`] }),
  },
  {
    op: 'PUT /api/admin/fragments/{name}/versions/{version}',
    field: 'body.fragment.nav.0.label',
    caller: 'deploy',
    send: (text) => upload({ nav: [{ label: text, path: '/orders' }] }),
  },
  {
    op: 'PUT /api/admin/fragments/{name}/versions/{version}',
    field: 'body.fragment.nav.0.path',
    caller: 'deploy',
    send: (text) => upload({ nav: [{ label: 'Orders', path: `/orders${text}` }] }),
  },
  {
    op: 'PUT /api/admin/fragments/{name}/versions/{version}',
    field: 'body.files.2.path',
    caller: 'deploy',
    send: (text) =>
      upload({}, [...build.body.files.slice(0, 2), { path: `assets/a${text}.js`, contentBase64: '' }]),
  },
  {
    op: 'GET /api/admin/customers',
    field: 'query.search',
    caller: 'admin',
    send: (text) => ({
      method: 'GET',
      url: `/api/admin/customers?search=${encodeURIComponent(`bo${text}b`)}`,
    }),
  },
  ...(['action', 'requestId'] as const).map((name): TextField => ({
    op: 'GET /api/admin/audit',
    field: `query.${name}`,
    caller: 'admin',
    send: (text) => ({ method: 'GET', url: `/api/admin/audit?${name}=${encodeURIComponent(`x${text}y`)}` }),
  })),
];

describe('control characters in text fields', () => {
  let services: FakeServices;
  let t: TestApp;
  let headersOf: Record<Caller, Record<string, string>>;

  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({ services: services.urls, resilience: { maxAttempts: 1 } });
    headersOf = {
      anonymous: { ...CSRF },
      admin: { ...CSRF, cookie: await login(t.app, 'admin') },
      deploy: bearer,
    };
  });
  afterAll(async () => {
    await t.close();
    await services.close();
  });

  it('covers every text field of the request bodies and queries that take free text', () => {
    expect(new Set(FIELDS.map((f) => f.op)).size).toBeGreaterThanOrEqual(7);
  });

  it.each(FIELDS.map((f) => [`${f.op} ${f.field}`, f] as const))(
    'refuses control characters in %s with 400 naming the field',
    async (_label, f) => {
      const refused = [...CONTROL, ...(f.multiLine ? [] : LINE_BREAKS)];
      for (const char of refused) {
        const { method, url, payload } = f.send(`a${char}b`);
        const res = await t.app.inject({
          method,
          url,
          headers: headersOf[f.caller],
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        const label = `${f.op} ${f.field} U+${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
        expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBe(400);
        const [verb = '', path = ''] = f.op.split(' ');
        expectContract(t.app, res, verb, path);
        const fields = (res.json().error.fields as { field: string }[]).map((e) => e.field);
        expect(fields, label).toContain(f.field);
      }
    },
  );

  it('still accepts ordinary text, Unicode, and line breaks in a description', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/strategies',
      headers: headersOf.admin,
      payload: strategy({
        name: 'Stratégie prudente – 稳健',
        description: 'Line one\nLine two\r\n\tindented',
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/admin/customers?search=${encodeURIComponent('Zoë')}`,
      headers: headersOf.admin,
    });
    expect(search.statusCode).toBe(200);
  });
});
