import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildBff, type BffEvents } from '../src/app.ts';
import { loadConfig, type BffConfig } from '../src/config.ts';
import { migrate, openDatabase, type Database } from '@simplebank/service-kit';
import { bffMigrations } from '../src/store/migrations.ts';
import { versionFor, type FragmentFile } from '../src/registry/content-hash.ts';

export const DEPLOY_TOKEN = 'test-deploy-token';
export const METRICS_TOKEN = 'test-metrics-token';
/** The header a Prometheus scrape sends (METRICS_TOKEN). */
export const metricsAuth = { authorization: `Bearer ${METRICS_TOKEN}` } as const;
export const CSRF = { 'x-csrf-protection': '1' } as const;

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  close(): Promise<void>;
}

/** The apps alive in this test file, by data folder. */
const liveApps = new Map<string, FastifyInstance>();

/**
 * PGlite databases (in memory) of closed apps, emptied, for the next app of this test file:
 * starting a PGlite takes seconds on a busy machine, emptying one milliseconds. The product's own
 * path (`buildBff` opening the database of its config) runs in the tests given a `databaseUrl`,
 * in the scale-out suite and in the browser tests.
 */
const spareDatabases: Database[] = [];

async function openTestDatabase(): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db, 'bff', bffMigrations, { withKitTables: false });
  return db;
}

async function recycle(db: Database): Promise<void> {
  // TRUNCATE fires no row trigger: the audit log's append-only guard stays for everything else.
  await db.exec(
    `TRUNCATE bff_users, bff_revoked_sessions, bff_audit, bff_documents, bff_secrets,
       bff_fragment_files, bff_fragment_blobs, bff_session_builds RESTART IDENTITY`,
  );
  spareDatabases.push(db);
}

/**
 * A BFF on a fresh temp data folder, with a tiny shell build and strict contract checks. Given the
 * data folder of an app still running, it stands for a second instance of that one: it uses the
 * same database (one PGlite cannot be opened twice).
 */
export async function makeApp(overrides: Partial<BffConfig> = {}, events: BffEvents = {}): Promise<TestApp> {
  const sibling = overrides.dataDir ? liveApps.get(overrides.dataDir) : undefined;
  if (sibling && !events.database) events = { ...events, database: sibling.bff.database };
  const spare =
    !events.database && !overrides.databaseUrl && !overrides.dataDir ? spareDatabases.pop() : undefined;
  if (spare) events = { ...events, database: spare };
  const dir = await mkdtemp(path.join(tmpdir(), 'sb-bff-'));
  const shellDist = path.join(dir, 'shell-dist');
  await mkdir(path.join(shellDist, 'assets'), { recursive: true });
  await writeFile(
    path.join(shellDist, 'index.html'),
    '<!doctype html><title>SimpleBank</title><div id="root"></div>',
  );
  await writeFile(path.join(shellDist, 'assets', 'index-abc123.js'), 'console.log("shell")');
  const config = loadConfig(
    {},
    {
      dataDir: dir,
      registryDir: path.join(dir, 'registry'),
      shellDist,
      seedAppsDir: null,
      embedded: true,
      deployToken: DEPLOY_TOKEN,
      metricsToken: METRICS_TOKEN,
      strictResponses: true,
      logLevel: 'silent',
      loginRateLimit: { max: 1000, maxPerAddress: 1000, timeWindowMs: 60_000 },
      ...overrides,
    },
  );
  // An app given no database gets a PGlite opened here, recycled when it closes.
  const own = !events.database && !config.databaseUrl;
  const database = own ? await openTestDatabase() : (events.database ?? null);
  const app = await buildBff(config, database && !sibling ? { ...events, database } : events);
  await app.ready();
  if (!sibling) liveApps.set(config.dataDir, app);
  return {
    app,
    dir,
    async close() {
      await app.close();
      if (liveApps.get(config.dataDir) === app) liveApps.delete(config.dataDir);
      if (database && (own || database === spare)) await recycle(database);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Asserts the response matches bff.yaml for that operation and status. */
export function expectContract(
  app: FastifyInstance,
  res: LightMyRequestResponse,
  method: string,
  oasPath: string,
): void {
  const body =
    res.body.length > 0 && String(res.headers['content-type']).includes('json') ? res.json() : undefined;
  expect(app.bff.contract.checkResponse(method, oasPath, res.statusCode, body)).toEqual([]);
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = `${username}-pass`,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: CSRF,
    payload: { username, password },
  });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'sb_session');
  if (!cookie) throw new Error('no session cookie');
  return `sb_session=${cookie.value}`;
}

export interface FakeBuild {
  name: string;
  version: string;
  body: { fragment: Record<string, unknown>; files: { path: string; contentBase64: string }[] };
}

/** A fragment build as the deploy CLI would upload it; `marker` makes the content unique. */
export function fakeBuild(
  name: string,
  marker: string,
  opts: { contractVersion?: string; title?: string; manifest?: Record<string, unknown> } = {},
): FakeBuild {
  const fragment = {
    name,
    title: opts.title ?? `${name} ${marker}`,
    routes: [`/${name}`],
    nav: [{ label: name, path: `/${name}` }],
    requiredRole: null,
    contractVersion: opts.contractVersion ?? '2.0.0',
  };
  const files: FragmentFile[] = [
    { path: 'mf-manifest.json', content: Buffer.from(JSON.stringify(opts.manifest ?? { name, marker })) },
    { path: 'fragment.json', content: Buffer.from(JSON.stringify(fragment)) },
    { path: 'assets/index-1.js', content: Buffer.from(`export default ${JSON.stringify(marker)};`) },
  ];
  return {
    name,
    version: versionFor('1.0.0', files),
    body: {
      fragment,
      files: files.map((f) => ({ path: f.path, contentBase64: f.content.toString('base64') })),
    },
  };
}

export const bearer = { authorization: `Bearer ${DEPLOY_TOKEN}` };

export async function publish(app: FastifyInstance, build: FakeBuild) {
  return app.inject({
    method: 'PUT',
    url: `/api/admin/fragments/${build.name}/versions/${build.version}`,
    headers: bearer,
    payload: build.body,
  });
}

export async function activate(app: FastifyInstance, build: FakeBuild, expectedRevision?: number) {
  return app.inject({
    method: 'POST',
    url: `/api/admin/fragments/${build.name}/activate`,
    headers: bearer,
    payload: { version: build.version, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
  });
}
