// The mocks are only useful while they answer what the real BFF answers. TypeScript checks the
// shapes through openapi-msw, but not the patterns, formats and enums of bff.yaml: this test
// validates every mocked response against the contract's schema for its status code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { setupServer } from 'msw/node';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlersFor } from './handlers/index.ts';
import { createMockContext } from './mock-context.ts';
import type { DemoUser } from './fixtures/users.ts';

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}
type Spec = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Operation['responses'][string]> };
};

const specPath = createRequire(import.meta.url).resolve('@simplebank/openapi/spec/bff.yaml');
const spec = parse(readFileSync(specPath, 'utf8')) as Spec;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'bff');

function responseSchema(template: string, method: string, status: number) {
  let response = spec.paths[template]?.[method]?.responses[String(status)];
  if (response?.$ref) response = spec.components.responses[response.$ref.split('/').pop()!];
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`bff.yaml has no JSON body for ${method.toUpperCase()} ${template} ${status}`);
  // Refs inside the schema point into the document registered as "bff".
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/', '"bff#/'));
}

const ctx = createMockContext();
const server = setupServer(...handlersFor(ctx));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Case = [
  user: DemoUser | null,
  method: 'get' | 'post' | 'put' | 'delete',
  template: string,
  path: string,
  body?: object,
];

const cases: Case[] = [
  ['alice', 'get', '/api/session', '/api/session'],
  [null, 'get', '/api/session', '/api/session'],
  ['alice', 'get', '/api/flags', '/api/flags'],
  ['alice', 'get', '/api/assets', '/api/assets'],
  ['alice', 'get', '/api/assets', '/api/assets?type=bond'],
  ['alice', 'get', '/api/assets/{assetId}/history', '/api/assets/ast-abc/history'],
  ['alice', 'get', '/api/assets/{assetId}/history', '/api/assets/ast-abc/history?range=5m'],
  ['alice', 'get', '/api/assets/{assetId}/history', '/api/assets/ast-abc/history?range=2y'],
  ['alice', 'get', '/api/assets/{assetId}/history', '/api/assets/ast-nope/history'],
  ['alice', 'get', '/api/assets/{assetId}/history', '/api/assets/ast-nwlc/history'],
  ['alice', 'get', '/api/portfolio', '/api/portfolio'],
  ['admin', 'get', '/api/portfolio', '/api/portfolio'],
  ['alice', 'get', '/api/orders', '/api/orders'],
  ['alice', 'get', '/api/fees', '/api/fees'],
  [null, 'get', '/api/fees', '/api/fees'],
  ['alice', 'get', '/api/orders/{id}', '/api/orders/ord-1010'],
  ['alice', 'get', '/api/orders/{id}', '/api/orders/ord-0901'],
  [
    'alice',
    'post',
    '/api/orders',
    '/api/orders',
    { accountId: 'acc-alice-1', assetId: 'ast-abc', side: 'buy', type: 'market', quantity: '1' },
  ],
  [
    'alice',
    'post',
    '/api/orders',
    '/api/orders',
    { accountId: 'acc-alice-1', assetId: 'ast-abc', side: 'buy', type: 'market', quantity: '-1' },
  ],
  ['alice', 'post', '/api/orders/{id}/cancel', '/api/orders/ord-1011/cancel'],
  ['alice', 'post', '/api/orders/{id}/cancel', '/api/orders/ord-1009/cancel'],
  ['alice', 'get', '/api/strategies', '/api/strategies'],
  ['admin', 'get', '/api/strategies', '/api/strategies'],
  ['alice', 'get', '/api/strategies/{id}', '/api/strategies/str-tech'],
  ['admin', 'post', '/api/strategies/{id}/publish', '/api/strategies/str-tech/publish'],
  [
    'alice',
    'post',
    '/api/strategies/{id}/investments',
    '/api/strategies/str-income/investments',
    { accountId: 'acc-alice-1', amount: '250.50' },
  ],
  ['alice', 'get', '/api/investments', '/api/investments'],
  [
    'admin',
    'put',
    '/api/strategies/{id}',
    '/api/strategies/str-tech',
    {
      name: 'T',
      description: '',
      riskLevel: 'high',
      timeHorizon: 'long',
      allocations: [{ assetId: 'ast-abc', percentage: '100' }],
      expectedVersion: 4,
    },
  ],
  ['admin', 'put', '/api/admin/users/{id}/roles', '/api/admin/users/u-bob/roles', { roles: ['customer'] }],
  [null, 'get', '/api/fragments', '/api/fragments'],
  ['admin', 'get', '/api/admin/fragments', '/api/admin/fragments'],
  ['alice', 'get', '/api/admin/fragments', '/api/admin/fragments'],
  [
    'admin',
    'post',
    '/api/admin/fragments/{name}/rollback',
    '/api/admin/fragments/orders/rollback',
    { expectedRevision: 1 },
  ],
  [
    'admin',
    'post',
    '/api/admin/fragments/{name}/activate',
    '/api/admin/fragments/orders/activate',
    { version: '1.3.0-9c1e7b2a44' },
  ],
  ['admin', 'get', '/api/admin/customers', '/api/admin/customers'],
  ['admin', 'get', '/api/admin/orders', '/api/admin/orders?status=completed'],
  ['admin', 'get', '/api/admin/customers', '/api/admin/customers?search=bob'],
  [
    'admin',
    'get',
    '/api/admin/orders',
    '/api/admin/orders?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
  ],
  ['admin', 'get', '/api/admin/orders', '/api/admin/orders?from=yesterday'],
  ['admin', 'get', '/api/admin/users', '/api/admin/users'],
  ['admin', 'get', '/api/admin/users/{id}/builds', '/api/admin/users/u-alice/builds'],
  ['alice', 'post', '/api/telemetry/traces', '/api/telemetry/traces', { resourceSpans: [] }],
  ['admin', 'get', '/api/admin/audit', '/api/admin/audit'],
  ['admin', 'get', '/api/admin/flags', '/api/admin/flags'],
  ['admin', 'delete', '/api/admin/flags/{name}', '/api/admin/flags/strategies.invest'],
  ['admin', 'delete', '/api/admin/flags/{name}', '/api/admin/flags/reports.unknown'],
  ['alice', 'delete', '/api/admin/flags/{name}', '/api/admin/flags/orders.limitOrders'],
  ['admin', 'get', '/api/admin/system', '/api/admin/system'],
];

describe('mock responses follow bff.yaml', () => {
  it.each(cases)('%s %s %s (%s)', async (user, method, template, path, body) => {
    ctx.setUser(user);
    const response = await fetch(`http://localhost${path}`, {
      method: method.toUpperCase(),
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'contract-test-key' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json: unknown = await response.json();
    const validate = ajv.compile(responseSchema(template, method, response.status));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
  });
});
