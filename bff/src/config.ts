import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResilienceSettings } from './downstream/service-client.ts';

/** The repository root, found from this file (bff/src/config.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServiceUrls {
  orders?: string;
  accounts?: string;
  market?: string;
  strategies?: string;
}

export interface BffConfig {
  host: string;
  port: number;
  /**
   * The embedded default's local folder (`var/` by default): the PGlite database (`services/pglite`, or `bff/db` without embedded services) and the
   * copies of generated tokens for local tools. With DATABASE_URL nothing the BFF needs lives here.
   */
  dataDir: string;
  /** Where the embedded default copies the deploy token for the deploy CLI (`<registryDir>/deploy-token`). */
  registryDir: string;
  /** PostgreSQL for users, sessions, audit log, flags, registry and secrets (DATABASE_URL); null: PGlite. */
  databaseUrl: string | null;
  /** The PostgreSQL schema of the BFF's tables (BFF_DATABASE_SCHEMA, default `bff`). */
  databaseSchema: string;
  /** The shell's build output, served at `/`; null serves no shell. */
  shellDist: string | null;
  /** Folder whose `*-mfe/dist` builds seed an empty registry; null disables seeding. */
  seedAppsDir: string | null;
  /** Embedded default: demo users, a generated deploy token and session secret. */
  embedded: boolean;
  /** Secure cookies; `auto` means Secure unless the request's host is localhost. */
  secureCookies: boolean | 'auto';
  sessionSecret: string | null;
  sessionTtlSeconds: number;
  deployToken: string | null;
  /** Origins other than the BFF's own that may send state-changing requests (dev servers). */
  allowedOrigins: string[];
  /** Origins fragments may be loaded from besides the BFF itself (CSP). */
  fragmentOrigins: string[];
  bodyLimit: number;
  uploadBodyLimit: number;
  /** Failed logins allowed per username (`max`) and per client address (`maxPerAddress`) in a window. */
  loginRateLimit: { max: number; maxPerAddress: number; timeWindowMs: number };
  logLevel: string;
  /** Answer 500 when a response does not match bff.yaml (tests); otherwise only log it. */
  strictResponses: boolean;
  /** Build identifier (git commit) for logs and readiness. */
  version: string;
  services: ServiceUrls;
  /**
   * Private key (PEM PKCS#8 or JWK JSON, Ed25519) signing the token of every call to a service
   * (SERVICE_TOKEN_PRIVATE_KEY; docs/SECURITY.md). Required when services are configured outside
   * the embedded default; the embedded default uses the key it generated into the data folder.
   */
  serviceTokenPrivateKey: string | null;
  /** Overall deadline of one API request; downstream calls get what is left of it. */
  requestDeadlineMs: number;
  /** Overrides of the retry/breaker figures (tests shorten them). */
  resilience: Partial<ResilienceSettings>;
  /** Redis for the socket.io adapter (several BFF instances); null with one instance. */
  redisUrl: string | null;
  redisPrefix: string;
  /** Bearer token for `/metrics`; generated into `bff/metrics-token` in the embedded default. */
  metricsToken: string | null;
  /** A separate listener for `/metrics` (operators only); null serves it on the BFF's own port. */
  metricsPort: number | null;
  metricsHost: string;
  /** NATS JetStream: the services' event backbone when they run in their own processes; null with embedded services. */
  natsUrl: string | null;
  /** The services' stream and subject prefix (the same variables as theirs). */
  natsStream: string;
  natsSubjectPrefix: string;
  /**
   * Where the browser's spans are passed on (`POST /api/telemetry/traces`): the OTLP/HTTP traces
   * endpoint (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`);
   * null when tracing is off. Headers from OTEL_EXPORTER_OTLP_HEADERS go with them.
   */
  otlpTraces: { url: string; headers: Record<string, string> } | null;
}

/** `k1=v1,k2=v2` (values URL-encoded), the form of OTEL_EXPORTER_OTLP_HEADERS. */
function otlpHeaders(value: string | undefined): Record<string, string> {
  return Object.fromEntries(
    list(value).flatMap((pair) => {
      const at = pair.indexOf('=');
      return at > 0 ? [[pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim())]] : [];
    }),
  );
}

function otlpTracesUrl(env: NodeJS.ProcessEnv): string | null {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : null;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

const devOrigins = [4100, 4101, 4102, 4103].flatMap((p) => [
  `http://localhost:${p}`,
  `http://127.0.0.1:${p}`,
]);

/** Reads the configuration from the environment; defaults are the embedded default of `npm start`. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<BffConfig> = {},
): BffConfig {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.SIMPLEBANK_DATA_DIR ?? path.join(repoRoot, 'var'));
  const secure = env.COOKIE_SECURE;
  const tracesUrl = otlpTracesUrl(env);
  const config: BffConfig = {
    host: env.HOST ?? '0.0.0.0',
    port: int(env.PORT, 3000),
    dataDir,
    registryDir: path.resolve(env.REGISTRY_DIR ?? path.join(dataDir, 'registry')),
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: env.BFF_DATABASE_SCHEMA || 'bff',
    shellDist:
      env.SHELL_DIST === '' ? null : path.resolve(env.SHELL_DIST ?? path.join(repoRoot, 'apps/shell/dist')),
    seedAppsDir: env.REGISTRY_SEED === '0' ? null : path.join(repoRoot, 'apps'),
    embedded: !production && env.SIMPLEBANK_EMBEDDED !== '0',
    secureCookies:
      secure === '1' || secure === 'true' ? true : secure === '0' || secure === 'false' ? false : 'auto',
    sessionSecret: env.SESSION_SECRET ?? null,
    sessionTtlSeconds: int(env.SESSION_TTL_SECONDS, 8 * 3600),
    deployToken: env.REGISTRY_DEPLOY_TOKEN ?? null,
    allowedOrigins:
      env.ALLOWED_ORIGINS !== undefined ? list(env.ALLOWED_ORIGINS) : production ? [] : devOrigins,
    fragmentOrigins: list(env.FRAGMENT_ORIGINS),
    // The largest legitimate JSON body (a strategy with 50 allocations and a 2000-character
    // description) is about 12 KiB; only the registry upload takes `uploadBodyLimit`.
    bodyLimit: int(env.BODY_LIMIT, 64 * 1024),
    uploadBodyLimit: int(env.UPLOAD_BODY_LIMIT, 64 * 1024 * 1024),
    loginRateLimit: {
      max: int(env.LOGIN_RATE_LIMIT_MAX, 20),
      maxPerAddress: int(env.LOGIN_RATE_LIMIT_ADDRESS_MAX, 100),
      timeWindowMs: int(env.LOGIN_RATE_LIMIT_WINDOW_MS, 60_000),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    strictResponses: env.STRICT_RESPONSES === '1',
    version: env.GIT_COMMIT ?? env.SIMPLEBANK_VERSION ?? 'dev',
    services: {
      orders: env.ORDERS_URL,
      accounts: env.ACCOUNTS_URL,
      market: env.MARKET_URL,
      strategies: env.STRATEGIES_URL,
    },
    serviceTokenPrivateKey: env.SERVICE_TOKEN_PRIVATE_KEY || null,
    requestDeadlineMs: int(env.REQUEST_DEADLINE_MS, 5000),
    resilience: {},
    redisUrl: env.REDIS_URL ?? null,
    redisPrefix: env.REDIS_PREFIX ?? 'simplebank-bff',
    metricsToken: env.METRICS_TOKEN || null,
    metricsPort: env.METRICS_PORT ? int(env.METRICS_PORT, 9464) : null,
    metricsHost: env.METRICS_HOST ?? '127.0.0.1',
    natsUrl: env.NATS_URL || null,
    natsStream: env.NATS_STREAM ?? 'SIMPLEBANK',
    natsSubjectPrefix: env.NATS_SUBJECT_PREFIX ?? 'sb',
    otlpTraces: tracesUrl
      ? {
          url: tracesUrl,
          headers: otlpHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS),
        }
      : null,
  };
  return { ...config, ...overrides };
}
