import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { RequestSchemas } from '../src/contract/openapi.ts';
import { routeAccess, type RouteAccess } from '../src/http/contract-route.ts';
import { CSRF, login, makeApp, type TestApp } from './helpers.ts';
import { startFakeServices, type FakeServices } from './fake-services.ts';

type Json = Record<string, unknown>;
type Validate = (data: unknown) => boolean;

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: string[];
  headers: string[];
  hasBody: boolean;
  access: RouteAccess;
  /** The BFF's own validators for each part, used as the oracle of what is valid. */
  valid: { params?: Validate; querystring?: Validate; headers?: Validate };
}

const BODY_LIMIT = 16 * 1024;
const UPLOAD_LIMIT = 64 * 1024;
/** A stack frame (`at fn (file.ts:1:2)`) or a source path must never reach a client. */
const STACK = /\bat .*:\d+:\d+|node_modules|\/src\/|\.ts:\d+/;

/** Anything a client could put in a URL or header value: printable ASCII, any Unicode, numbers and near-valid values. */
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 95, maxLength: 220 }),
  fc.integer({ min: -5, max: 200_000 }).map(String),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom(
    '1',
    '20',
    '100',
    '101',
    '0',
    'open',
    'completed',
    'cancelled',
    'draft',
    'published',
    'share',
    'ABC',
    'o-alice-1',
    '2026-11-26T10:00:00Z',
    '',
    '%',
    '..',
    'a/b',
    'null',
    '[]',
  ),
);
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,140}$/),
  fc.constantFrom('k-12345678', 'short', ''),
);

function expectSafeError(res: LightMyRequestResponse, label: string): void {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(res.body, label).not.toMatch(STACK);
}

type Caller = 'anonymous' | 'customer' | 'admin';

/** The refusal a caller gets before anything it sent is read, or null when it may call the route. */
function refusalFor(access: RouteAccess, caller: Caller): 401 | 403 | null {
  if (access.kind === 'public') return null;
  if (caller === 'anonymous') return 401;
  const role = access.kind === 'custom' ? 'admin' : access.role;
  return role === undefined || role === caller ? null : 403;
}

function fieldsOf(res: LightMyRequestResponse): { field: string; reason: string }[] {
  return ((res.json() as { error?: { fields?: { field: string; reason: string }[] } }).error?.fields ??
    []) as { field: string; reason: string }[];
}

describe('bad input on every route', () => {
  let services: FakeServices;
  let t: TestApp;
  let operations: Operation[];
  let alice: string;
  let admin: string;

  beforeAll(async () => {
    services = await startFakeServices();
    t = await makeApp({
      services: services.urls,
      resilience: { maxAttempts: 1 },
      bodyLimit: BODY_LIMIT,
      uploadBodyLimit: UPLOAD_LIMIT,
    });
    alice = await login(t.app, 'alice');
    admin = await login(t.app, 'admin');
    const contract = t.app.bff.contract;
    const compile = (schema: Json | undefined, httpPart: string) =>
      schema ? (contract.validatorCompiler({ schema, httpPart }) as Validate) : undefined;
    const paths = contract.spec.paths as Record<string, Json>;
    operations = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => m !== 'parameters')
        .map((m) => {
          const schemas: RequestSchemas = contract.requestSchemas(m as 'get', path);
          const keys = (s: Json | undefined) => Object.keys((s?.properties as Json | undefined) ?? {});
          return {
            method: m.toUpperCase(),
            path,
            pathParams: keys(schemas.params),
            query: keys(schemas.querystring),
            headers: keys(schemas.headers),
            hasBody: Boolean(schemas.body),
            access: routeAccess(t.app).get(`${m.toUpperCase()} ${path}`) ?? { kind: 'public' },
            valid: {
              params: compile(schemas.params, 'params'),
              querystring: compile(schemas.querystring, 'querystring'),
              headers: compile(schemas.headers, 'headers'),
            },
          };
        }),
    );
  });
  afterAll(async () => {
    await t.close();
    await services.close();
  });

  const cookieOf = (caller: Caller): { cookie?: string } =>
    caller === 'anonymous' ? {} : { cookie: caller === 'admin' ? admin : alice };
  /** A caller allowed on the route: the customer where customers may call it, the admin otherwise. */
  const allowedCookie = (op: Operation) => (refusalFor(op.access, 'customer') === null ? alice : admin);
  const sampleUrl = (op: Operation) =>
    op.path
      .replace('{name}', 'orders')
      .replace('{version}', '1.0.0-0123456789')
      .replace(/\{[^}]+\}/g, 'x-1');

  it('fuzzes path parameters, query strings and headers: 400 with field and reason when they break the contract, never a 500 or a stack trace', async () => {
    const withInput = operations.filter((o) => o.pathParams.length + o.query.length + o.headers.length > 0);
    expect(withInput.length).toBeGreaterThan(15);
    // The back office is fuzzed too, as admin, customer and anonymous (#10).
    expect(withInput.filter((o) => o.path.startsWith('/api/admin/')).length).toBeGreaterThan(8);
    const request = fc.constantFrom(...withInput).chain((op) =>
      fc.record({
        op: fc.constant(op),
        // '.' and '..' are dot segments: every HTTP client resolves them before sending, so they never reach a route as a value.
        params: fc.record(
          Object.fromEntries(
            op.pathParams.map((p) => [p, value.filter((v) => v.length > 0 && v !== '.' && v !== '..')]),
          ),
        ),
        // Declared parameters, sometimes left out, plus now and then one the contract does not know.
        query: fc.record(Object.fromEntries([...op.query, 'unknownParam'].map((q) => [q, value])), {
          requiredKeys: [],
        }),
        headers: fc.record(Object.fromEntries(op.headers.map((h) => [h, headerValue])), { requiredKeys: [] }),
        caller: fc.constantFrom<Caller>('anonymous', 'customer', 'admin'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ op, params, query, headers, caller }) => {
        const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(params[name] as string),
        );
        const search = new URLSearchParams(query as Record<string, string>).toString();
        const res = await t.app.inject({
          method: op.method as 'GET',
          url: search ? `${url}?${search}` : url,
          headers: { ...CSRF, ...(headers as Record<string, string>), ...cookieOf(caller) },
          ...(op.hasBody ? { payload: {} } : {}),
        });
        const label = `${op.method} ${url}?${search}`;
        expectSafeError(res, label);
        expect(
          t.app.bff.contract.checkResponse(op.method, op.path, res.statusCode, res.json()),
          label,
        ).toEqual([]);
        // Authorization comes first: a caller without the role learns nothing about the parameters.
        const refusal = refusalFor(op.access, caller);
        if (refusal !== null) {
          expect(res.statusCode, label).toBe(refusal);
          expect(fieldsOf(res), label).toEqual([]);
          return;
        }
        // Fastify validates params first, then the body, the query string and the headers.
        const copy = <T>(v: T): T => structuredClone(v);
        const badParams = op.valid.params && !op.valid.params(copy(params));
        const badQuery =
          !badParams && !op.hasBody && op.valid.querystring && !op.valid.querystring(copy(query));
        const badHeaders =
          !badParams && !op.hasBody && !badQuery && op.valid.headers && !op.valid.headers(copy(headers));
        const part = badParams ? 'params.' : badQuery ? 'query.' : badHeaders ? 'headers.' : null;
        if (part) {
          expect(res.statusCode, label).toBe(400);
          const fields = fieldsOf(res);
          expect(fields.length, label).toBeGreaterThan(0);
          for (const f of fields) {
            expect(f.field.startsWith(part), `${label}: ${f.field}`).toBe(true);
            expect(f.reason.length).toBeGreaterThan(0);
          }
        } else if (!op.hasBody && res.statusCode === 400) {
          // Valid input may still be refused by a rule, but never as a schema violation of its parameters.
          expect(
            fieldsOf(res).filter((f) => /^(params|query|headers)\./.test(f.field)),
            label,
          ).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('names the body when the parser refuses it as a whole (a __proto__ key, broken JSON)', async () => {
    for (const raw of ['{"":{"":{"__proto__":false}}}', '{"username": ']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { ...CSRF, 'content-type': 'application/json' },
        payload: raw,
      });
      expectSafeError(res, `POST /api/session ${raw}`);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res).map((f) => f.field)).toEqual(['body']);
    }
  });

  it('gives 400 with body fields when a body breaks the schema, to a caller allowed on the route only', async () => {
    const withBody = operations.filter((o) => o.hasBody);
    expect(withBody.filter((o) => o.path.startsWith('/api/admin/')).length).toBeGreaterThan(6);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        fc.constantFrom<Caller | 'allowed'>('allowed', 'allowed', 'anonymous', 'customer', 'admin'),
        async (op, body, who) => {
          const url = sampleUrl(op);
          const res = await t.app.inject({
            method: op.method as 'POST',
            url,
            headers: {
              ...CSRF,
              'idempotency-key': 'bad-input-1234',
              ...(who === 'allowed' ? { cookie: allowedCookie(op) } : cookieOf(who)),
            },
            payload: body,
          });
          const label = `${op.method} ${url} as ${who}`;
          expectSafeError(res, label);
          const refusal = who === 'allowed' ? null : refusalFor(op.access, who);
          if (refusal !== null) {
            expect(res.statusCode, label).toBe(refusal);
            expect(fieldsOf(res), label).toEqual([]);
          } else if (res.statusCode === 400) {
            const fields = fieldsOf(res);
            expect(fields.length).toBeGreaterThan(0);
            for (const f of fields) expect(f.field).toMatch(/^body(\.|$)/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers 413 to an oversized body from a caller allowed on the route, on every route that takes one', async () => {
    for (const op of operations.filter((o) => o.hasBody)) {
      const limit = op.path.includes('/versions/') ? UPLOAD_LIMIT : BODY_LIMIT;
      const res = await t.app.inject({
        method: op.method as 'POST',
        url: sampleUrl(op),
        headers: {
          ...CSRF,
          'content-type': 'application/json',
          'idempotency-key': 'big-12345678',
          cookie: allowedCookie(op),
        },
        payload: JSON.stringify({ filler: 'x'.repeat(limit) }),
      });
      const label = `${op.method} ${op.path}`;
      expect(res.statusCode, label).toBe(413);
      expect(res.json().error.code, label).toBe('payload_too_large');
      expect(t.app.bff.contract.checkResponse(op.method, op.path, 413, res.json()), label).toEqual([]);
    }
  });

  it('refuses an anonymous caller (401) and a caller without the role (403) before reading the body, whatever it is', async () => {
    // An oversized body, broken JSON and a body that breaks the schema: none of them is parsed,
    // so the answer names no field and no pattern (#10, authorization before reading).
    const bodies = [
      (limit: number) => JSON.stringify({ filler: 'x'.repeat(limit * 2) }),
      () => '{"quantity": ',
      () => JSON.stringify({ quantity: 'lots', roles: ['root'], flags: { toString: 1 }, fragment: {} }),
    ];
    const refused = operations.filter((o) => o.hasBody && o.access.kind !== 'public');
    expect(refused.length).toBeGreaterThan(10);
    let roleRefusals = 0;
    for (const op of refused) {
      const limit = op.path.includes('/versions/') ? UPLOAD_LIMIT : BODY_LIMIT;
      for (const caller of ['anonymous', 'customer', 'admin'] as const) {
        const expected = refusalFor(op.access, caller);
        if (expected === null) continue;
        if (expected === 403) roleRefusals++;
        for (const body of bodies) {
          const res = await t.app.inject({
            method: op.method as 'POST',
            url: sampleUrl(op),
            headers: {
              ...CSRF,
              'content-type': 'application/json',
              'idempotency-key': 'refused-12345678',
              ...(caller === 'anonymous' ? {} : { cookie: caller === 'admin' ? admin : alice }),
            },
            payload: body(limit),
          });
          const label = `${op.method} ${op.path} as ${caller}`;
          expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBe(expected);
          expect(fieldsOf(res), label).toEqual([]);
          expect(res.body, label).not.toMatch(/pattern|must (match|be|have)|body\./);
          expect(t.app.bff.contract.checkResponse(op.method, op.path, expected, res.json()), label).toEqual(
            [],
          );
        }
      }
    }
    expect(roleRefusals).toBeGreaterThan(8);
  });

  it('answers malformed JSON and wrong content types with a 4xx, never a 500', async () => {
    const withBody = operations.filter((o) => o.hasBody);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
        ),
        fc.constantFrom<Caller>('anonymous', 'customer', 'admin'),
        async (op, raw, type, caller) => {
          const url = sampleUrl(op);
          const res = await t.app.inject({
            method: op.method as 'POST',
            url,
            headers: {
              ...CSRF,
              'content-type': type,
              'idempotency-key': 'raw-12345678',
              ...cookieOf(caller),
            },
            payload: raw,
          });
          expectSafeError(res, `${op.method} ${url} ${type}`);
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 150 },
    );
  });
});
