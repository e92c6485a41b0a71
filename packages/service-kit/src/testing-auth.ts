import type { FastifyInstance, InjectOptions } from 'fastify';
import {
  BFF_ISSUER,
  ServiceTokenSigner,
  ServiceTokenVerifier,
  embeddedServiceKeys,
  trustFromKeys,
  type ServiceKeys,
  type TrustedIssuer,
} from './service-token.ts';

/**
 * Test keys and tokens: services' tests start a service trusting `testServiceKeys()` and call it
 * with `await as.admin('market')`, so each call says plainly who makes it.
 */
let keys: Promise<ServiceKeys> | null = null;

/** One key set per test process (generated in memory). */
export function testServiceKeys(): Promise<ServiceKeys> {
  keys ??= embeddedServiceKeys(null);
  return keys;
}

/** What a service under test trusts. */
export async function testTrust(service: string): Promise<TrustedIssuer[]> {
  return trustFromKeys(service, await testServiceKeys());
}

export async function testVerifier(service: string): Promise<ServiceTokenVerifier> {
  return ServiceTokenVerifier.create(service, await testTrust(service));
}

async function bffHeaders(
  audience: string,
  userId: string | null,
  roles: string[],
): Promise<{ authorization: string }> {
  const signer = await ServiceTokenSigner.fromKey(BFF_ISSUER, (await testServiceKeys()).bff.privateKey);
  return { authorization: await signer.header({ audience, userId, roles, requestId: 'test' }) };
}

/** `authorization` headers signed with the test BFF key, for a service (the token's audience). */
export const as = {
  admin: (service: string, userId = 'u-admin') => bffHeaders(service, userId, ['admin']),
  customer: (service: string, userId = 'u-alice') => bffHeaders(service, userId, ['customer']),
  /** The BFF's own calls, made for no user (readiness, price cache). */
  bff: (service: string) => bffHeaders(service, null, []),
};

export type TestCaller = keyof typeof as;

/** `app.inject` with a token from the test BFF key for that caller, audience the app's service. */
export async function injectAs(caller: TestCaller, app: FastifyInstance, options: InjectOptions) {
  const auth = await as[caller](app.serviceName);
  return app.inject({ ...options, headers: { ...auth, ...options.headers } });
}
