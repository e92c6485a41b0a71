import { createPrivateKey, sign as signWithKey, type KeyObject as NodeKeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeJwt,
  errors as joseErrors,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importJWK,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type KeyObject,
} from 'jose';

/**
 * Service-to-service authentication (docs/SECURITY.md): every call to a backend service carries a
 * short-lived JWT signed with an Ed25519 key, whose audience is the called service and which says
 * on whose behalf it is made (user id, roles) and for which request. Headers such as `x-user-id`
 * are never trusted for identity.
 */
export const SERVICE_TOKEN_ALG = 'EdDSA';
/** Tokens live this long: long enough for a call and its retries, too short to be worth stealing. */
export const SERVICE_TOKEN_TTL_SECONDS = 60;

type Key = CryptoKey | KeyObject;

/** Who a verified token says the caller acts for. */
export interface ServiceCaller {
  /** The issuer that signed the token (`bff`, or a service calling another one). */
  issuer: string;
  /** The user the call is made for; null for the caller's own calls (readiness, price cache). */
  userId: string | null;
  roles: string[];
  requestId: string | null;
}

export interface ServiceTokenClaims {
  audience: string;
  userId?: string | null;
  roles?: string[];
  requestId?: string;
}

/** Reads a public key given as PEM (SPKI) or as a JWK in JSON. */
async function importPublicKey(text: string): Promise<Key> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return (await importJWK(JSON.parse(trimmed) as JWK, SERVICE_TOKEN_ALG)) as Key;
  // Environment variables often carry PEM with literal "\n".
  return importSPKI(trimmed.replace(/\\n/g, '\n'), SERVICE_TOKEN_ALG);
}

/** The private key as node:crypto's, from PEM (PKCS#8) or a JWK in JSON; Ed25519 only. */
function privateKeyOf(text: string): NodeKeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(trimmed) as JWK & { kty: string }, format: 'jwk' })
    : // Environment variables often carry PEM with literal "\n".
      createPrivateKey(trimmed.replace(/\\n/g, '\n'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('a service token key must be Ed25519');
  return key;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = base64url({ alg: SERVICE_TOKEN_ALG, typ: 'JWT' });

/**
 * Signs the tokens one caller (the BFF, or a service calling another) sends downstream. Signed
 * with node:crypto at once rather than through jose: jose signs with WebCrypto, whose Ed25519
 * signature is queued to the thread pool and costs ~2.5× the CPU, and the BFF signs four tokens per
 * portfolio request (bench/RESULTS.md). The services verify them with jose (`jwtVerify` below).
 */
export class ServiceTokenSigner {
  private constructor(
    readonly issuer: string,
    private readonly key: NodeKeyObject,
  ) {}

  static async fromKey(issuer: string, privateKey: string): Promise<ServiceTokenSigner> {
    return Promise.resolve(new ServiceTokenSigner(issuer, privateKeyOf(privateKey)));
  }

  sign(claims: ServiceTokenClaims): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const payload = base64url({
      roles: claims.roles ?? [],
      ...(claims.requestId ? { rid: claims.requestId } : {}),
      iss: this.issuer,
      aud: claims.audience,
      iat,
      exp: iat + SERVICE_TOKEN_TTL_SECONDS,
      ...(claims.userId ? { sub: claims.userId } : {}),
    });
    const input = `${HEADER}.${payload}`;
    const signature = signWithKey(null, Buffer.from(input), this.key).toString('base64url');
    return Promise.resolve(`${input}.${signature}`);
  }

  /** The `authorization` header value for one call. */
  async header(claims: ServiceTokenClaims): Promise<string> {
    return `Bearer ${await this.sign(claims)}`;
  }
}

/** A signer whose tokens a service accepts, and what they may claim. */
export interface TrustedIssuer {
  issuer: string;
  /** Public key, PEM (SPKI) or JWK JSON. */
  publicKey: string;
  /** Only the BFF, which checked the user's session, may vouch for an admin. */
  mayGrantAdmin: boolean;
}

export class ServiceTokenRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ServiceTokenRejected';
  }
}

/** Verifies the tokens sent to one service. */
export class ServiceTokenVerifier {
  private constructor(
    readonly audience: string,
    private readonly issuers: Map<string, { key: Key; mayGrantAdmin: boolean }>,
  ) {}

  static async create(audience: string, trusted: TrustedIssuer[]): Promise<ServiceTokenVerifier> {
    if (trusted.length === 0) throw new Error(`${audience}: no trusted service token issuer configured`);
    const issuers = new Map<string, { key: Key; mayGrantAdmin: boolean }>();
    for (const t of trusted)
      issuers.set(t.issuer, { key: await importPublicKey(t.publicKey), mayGrantAdmin: t.mayGrantAdmin });
    return new ServiceTokenVerifier(audience, issuers);
  }

  /** The caller of a request with this `authorization` header, or ServiceTokenRejected. */
  async verify(authorization: string | undefined): Promise<ServiceCaller> {
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? '');
    if (!match) throw new ServiceTokenRejected('a bearer service token is required');
    try {
      // The claimed issuer only picks the key; the signature check below is what trusts it.
      const claimed = this.issuers.get(String(decodeJwt(match[1]!).iss));
      if (!claimed) throw new ServiceTokenRejected('the token issuer is not trusted');
      const { payload } = await jwtVerify(match[1]!, claimed.key, {
        audience: this.audience,
        algorithms: [SERVICE_TOKEN_ALG],
        issuer: [...this.issuers.keys()],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: `${SERVICE_TOKEN_TTL_SECONDS + 5}s`,
        clockTolerance: 5,
      });
      const issuer = String(payload.iss);
      const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
      if (roles.includes('admin') && !this.issuers.get(issuer)!.mayGrantAdmin)
        throw new ServiceTokenRejected(`${issuer} may not act as an admin`);
      return {
        issuer,
        userId: typeof payload.sub === 'string' ? payload.sub : null,
        roles,
        requestId: typeof payload.rid === 'string' ? payload.rid : null,
      };
    } catch (error) {
      if (error instanceof ServiceTokenRejected) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new ServiceTokenRejected('the token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw new ServiceTokenRejected(`the token's ${error.claim} claim is not acceptable`);
      if (error instanceof joseErrors.JOSEError) throw new ServiceTokenRejected('the token is not valid');
      throw error;
    }
  }
}

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

/** A fresh Ed25519 key pair in PEM. */
export async function generateServiceKeyPair(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateKeyPair(SERVICE_TOKEN_ALG, {
    crv: 'Ed25519',
    extractable: true,
  });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) };
}

/**
 * The key pair `<dir>/<name>.key` + `<dir>/<name>.pub`, generated on first use (the embedded
 * default keeps its keys in the data folder so they survive restarts; the private key is 0600).
 */
export async function loadOrCreateKeyPair(dir: string, name: string): Promise<KeyPairPem> {
  const privatePath = join(dir, `${name}.key`);
  const publicPath = join(dir, `${name}.pub`);
  try {
    return { privateKey: await readFile(privatePath, 'utf8'), publicKey: await readFile(publicPath, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pair = await generateServiceKeyPair();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(privatePath, pair.privateKey, { mode: 0o600 });
  await chmod(privatePath, 0o600);
  await writeFile(publicPath, pair.publicKey);
  return pair;
}

/** The issuer names used across the product. */
export const BFF_ISSUER = 'bff';
export const STRATEGIES_ISSUER = 'strategies';

/**
 * The keys of the whole backend: the BFF's pair (it calls every service) and the strategies
 * service's pair (it places strategy orders on the orders service).
 */
export interface ServiceKeys {
  bff: KeyPairPem;
  strategies: KeyPairPem;
}

/** Every key of the embedded default, generated into `dir` (or in memory when dir is null). */
export async function embeddedServiceKeys(dir: string | null): Promise<ServiceKeys> {
  if (dir === null)
    return { bff: await generateServiceKeyPair(), strategies: await generateServiceKeyPair() };
  return {
    bff: await loadOrCreateKeyPair(dir, 'bff-service-token'),
    strategies: await loadOrCreateKeyPair(dir, 'strategies-service-token'),
  };
}

/**
 * Whose tokens a service accepts: the BFF's everywhere; on orders also the strategies service's
 * (it places strategy orders, never as an admin).
 */
export function trustedIssuers(
  service: string,
  publicKeys: { bff: string; strategies?: string | undefined },
): TrustedIssuer[] {
  const trusted: TrustedIssuer[] = [{ issuer: BFF_ISSUER, publicKey: publicKeys.bff, mayGrantAdmin: true }];
  if (service === 'orders' && publicKeys.strategies)
    trusted.push({ issuer: STRATEGIES_ISSUER, publicKey: publicKeys.strategies, mayGrantAdmin: false });
  return trusted;
}

/** The trust of one service of the embedded default (or a test) from the whole key set. */
export function trustFromKeys(service: string, keys: ServiceKeys): TrustedIssuer[] {
  return trustedIssuers(service, { bff: keys.bff.publicKey, strategies: keys.strategies.publicKey });
}

/** A service run as its own process: SERVICE_TOKEN_PUBLIC_KEY (and, for orders, STRATEGIES_TOKEN_PUBLIC_KEY). */
export function trustFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): TrustedIssuer[] {
  const bff = env.SERVICE_TOKEN_PUBLIC_KEY;
  if (!bff) throw new Error(`${service}: SERVICE_TOKEN_PUBLIC_KEY is required (the BFF's public key)`);
  return trustedIssuers(service, { bff, strategies: env.STRATEGIES_TOKEN_PUBLIC_KEY });
}
