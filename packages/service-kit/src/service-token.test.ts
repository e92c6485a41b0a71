import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceApp } from './app.ts';
import { createLogger } from './logger.ts';
import {
  BFF_ISSUER,
  STRATEGIES_ISSUER,
  ServiceTokenSigner,
  generateServiceKeyPair,
  loadOrCreateKeyPair,
} from './service-token.ts';
import { as, testServiceKeys, testVerifier } from './testing-auth.ts';

// A service with one operation behind the token and public health, as every service is built.
const SPEC = `openapi: 3.1.0
info: { title: probe, version: 1.0.0 }
paths:
  /health/live:
    get: { operationId: getLiveness, responses: { '200': { description: ok } } }
  /health/ready:
    get: { operationId: getReadiness, responses: { '200': { description: ok } } }
  /whoami:
    post:
      operationId: whoAmI
      requestBody:
        content: { application/json: { schema: { type: object } } }
      responses: { '200': { description: ok } }
`;

let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-token-'));
  await writeFile(join(dir, 'orders.yaml'), SPEC);
  app = createServiceApp({
    name: 'orders',
    specPath: join(dir, 'orders.yaml'),
    logger: createLogger('orders', 'silent'),
    readiness: {},
    auth: await testVerifier('orders'),
    handlers: { whoAmI: async (request) => request.caller },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const whoAmI = (headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/whoami', headers, payload: {} });

/** A token signed by `key` as `issuer`, with the given lifetime window (seconds from now). */
async function tokenWith(
  privateKey: string,
  issuer: string,
  claims: { audience: string; roles?: string[]; issuedAt?: number; expiresAt?: number },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ roles: claims.roles ?? ['customer'] })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(issuer)
    .setAudience(claims.audience)
    .setSubject('u-alice')
    .setIssuedAt(now + (claims.issuedAt ?? 0))
    .setExpirationTime(now + (claims.expiresAt ?? 60))
    .sign(await importPKCS8(privateKey, 'EdDSA'));
  return `Bearer ${jwt}`;
}

describe('service tokens (every service, through service-kit)', () => {
  it('accepts a token from the BFF for this service and tells the handler who calls', async () => {
    const res = await whoAmI(await as.admin('orders', 'u-root'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ issuer: BFF_ISSUER, userId: 'u-root', roles: ['admin'], requestId: 'test' });
  });

  it.each([
    ['no token', async () => ({})],
    [
      'identity headers instead of a token',
      async () => ({ 'x-user-id': 'u-admin', 'x-simplebank-role': 'admin' }),
    ],
    ['a token for another service (audience)', async () => as.admin('accounts')],
    [
      'an expired token',
      async () => ({
        authorization: await tokenWith((await testServiceKeys()).bff.privateKey, BFF_ISSUER, {
          audience: 'orders',
          issuedAt: -600,
          expiresAt: -300,
        }),
      }),
    ],
    [
      'a token signed by another key',
      async () => ({
        authorization: await tokenWith((await generateServiceKeyPair()).privateKey, BFF_ISSUER, {
          audience: 'orders',
        }),
      }),
    ],
    [
      'a token from an issuer nobody trusts',
      async () => ({
        authorization: await tokenWith((await testServiceKeys()).bff.privateKey, 'mallory', {
          audience: 'orders',
        }),
      }),
    ],
    ['a malformed token', async () => ({ authorization: 'Bearer not-a-token' })],
  ])('answers 401 to %s, before reading the body', async (_case, headers) => {
    const res = await whoAmI((await headers()) as Record<string, string>);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toMatchObject({ error: 'UNAUTHENTICATED' });
  });

  it('keeps health open to callers without a token', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('lets the strategies service act for a customer on orders, never as an admin', async () => {
    const strategies = await ServiceTokenSigner.fromKey(
      STRATEGIES_ISSUER,
      (await testServiceKeys()).strategies.privateKey,
    );
    const asCustomer = await whoAmI({
      authorization: await strategies.header({ audience: 'orders', userId: 'u-bob', roles: ['customer'] }),
    });
    expect(asCustomer.statusCode).toBe(200);
    expect(asCustomer.json()).toMatchObject({ issuer: STRATEGIES_ISSUER, userId: 'u-bob' });
    const asAdmin = await whoAmI({
      authorization: await strategies.header({ audience: 'orders', userId: 'u-bob', roles: ['admin'] }),
    });
    expect(asAdmin.statusCode).toBe(401);
  });

  it('generates the embedded key pair once into the data folder, private key readable by its owner only', async () => {
    const first = await loadOrCreateKeyPair(join(dir, 'keys'), 'bff-service-token');
    const again = await loadOrCreateKeyPair(join(dir, 'keys'), 'bff-service-token');
    expect(again).toEqual(first);
    expect((await stat(join(dir, 'keys', 'bff-service-token.key'))).mode & 0o077).toBe(0);
  });
});
