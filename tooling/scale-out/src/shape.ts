import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { NatsBackbone } from '@simplebank/events';
import { dropSchema, embeddedServiceKeys } from '@simplebank/service-kit';
import { RoundRobinProxy } from './proxy.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const SERVICES = ['accounts', 'orders', 'strategies', 'market'] as const;
export type ServiceName = (typeof SERVICES)[number];
export type PartName = ServiceName | 'bff';

export interface ScaleOutOptions {
  /** Names the schemas (`<prefix>_orders`, …), the NATS stream and subjects and the Redis keys. */
  prefix: string;
  /** One data folder per instance under here (`<dataDir>/orders-1`, …) and the logs. */
  dataDir: string;
  /** The BFF proxy's port (0: any free one). */
  port: number;
  instances?: number;
  databaseUrl: string;
  natsUrl: string;
  redisUrl: string;
  /** Added to every process's environment (MARKET_TICK_MS, ORDERS_READ_MODEL_LAG_MS, REGISTRY_SEED, …). */
  env?: Record<string, string>;
  /** Called with each line an instance writes, for a CLI that shows them. */
  onLine?: (instance: string, line: string) => void;
}

export interface Instance {
  part: PartName;
  /** `orders-1`, `bff-2`, … */
  name: string;
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Resolves when the process has exited (by itself, a signal or kill). */
  exited: Promise<void>;
}

export interface ScaleOut {
  /** The BFF proxy: what a browser opens. */
  url: string;
  /** The proxy in front of each service, as the BFF and the strategies service reach them. */
  serviceUrls: Record<ServiceName, string>;
  instances: Instance[];
  /**
   * REGISTRY_DEPLOY_TOKEN, or the one the BFFs generated into their shared database (a copy in each
   * data folder).
   */
  deployToken(): Promise<string>;
  /** kill -9 one instance; the proxies find out themselves (connection refused) and skip it. */
  kill(instance: Instance): Promise<void>;
  stop(): Promise<void>;
  /** Drops the schemas, the NATS stream and the Redis keys of this prefix (after stop). */
  dropData(): Promise<void>;
}

/** The line a part writes once it listens: Fastify's for the BFF, the service kit's for a service. */
const listeningUrl = (part: PartName, line: string): string | undefined =>
  part === 'bff'
    ? /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]
    : line.includes('service listening')
      ? /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(line)?.[1]
      : undefined;

function startInstance(
  part: PartName,
  index: number,
  env: Record<string, string>,
  options: ScaleOutOptions,
): Promise<Instance> {
  const name = `${part}-${index}`;
  const dataDir = path.join(options.dataDir, name);
  const cwd = part === 'bff' ? path.join(repoRoot, 'bff') : path.join(repoRoot, 'services', part);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      SIMPLEBANK_DATA_DIR: dataDir,
      ...options.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(path.join(options.dataDir, `${name}.log`), { flags: 'a' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let listening = false;
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => {
        log.write(line + '\n');
        options.onLine?.(name, line);
        const url = listening ? undefined : listeningUrl(part, line);
        if (!url) return;
        listening = true;
        resolve({ part, name, url, dataDir, child, exited });
      });
    child.once('exit', (code, signal) => {
      log.end();
      if (!listening)
        reject(new Error(`${name} exited with ${code ?? signal} before listening (${log.path})`));
    });
  });
}

/**
 * The scale-out shape on one machine: `instances` processes of each service and of the BFF, each
 * with its own data folder, meeting only on PostgreSQL (a schema per part), NATS JetStream and
 * Redis. A round-robin proxy fronts each part: the BFF's on `port`, the services' on free ports
 * (the BFF and the strategies service call those).
 */
export async function startScaleOut(options: ScaleOutOptions): Promise<ScaleOut> {
  const count = options.instances ?? 2;
  await mkdir(options.dataDir, { recursive: true });
  const keys = await embeddedServiceKeys(path.join(options.dataDir, 'keys'));
  const schema = (part: PartName) => `${options.prefix}_${part}`;
  const bus = {
    NATS_URL: options.natsUrl,
    NATS_STREAM: `SB_${options.prefix.toUpperCase()}`,
    NATS_SUBJECT_PREFIX: options.prefix,
    DATABASE_URL: options.databaseUrl,
  };
  const common = {
    ...bus,
    SERVICE_TOKEN_PUBLIC_KEY: keys.bff.publicKey,
    STRATEGIES_TOKEN_PUBLIC_KEY: keys.strategies.publicKey,
  };
  const proxies = new Map<PartName, RoundRobinProxy>();
  const serviceUrls = {} as Record<ServiceName, string>;
  for (const part of SERVICES) {
    const proxy = new RoundRobinProxy(part);
    proxies.set(part, proxy);
    serviceUrls[part] = await proxy.listen(0);
  }
  const bffProxy = new RoundRobinProxy('bff');
  proxies.set('bff', bffProxy);
  const instances: Instance[] = [];

  const envOf: Record<PartName, Record<string, string>> = {
    accounts: { ...common, DATABASE_SCHEMA: schema('accounts'), SIMPLEBANK_SEED: '1' },
    orders: { ...common, DATABASE_SCHEMA: schema('orders') },
    strategies: {
      ...common,
      DATABASE_SCHEMA: schema('strategies'),
      SIMPLEBANK_SEED: '1',
      ORDERS_URL: serviceUrls.orders,
      STRATEGIES_TOKEN_PRIVATE_KEY: keys.strategies.privateKey,
    },
    market: { ...common, DATABASE_SCHEMA: schema('market') },
    bff: {
      ...bus,
      BFF_DATABASE_SCHEMA: schema('bff'),
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: options.prefix,
      SERVICE_TOKEN_PRIVATE_KEY: keys.bff.privateKey,
      ORDERS_URL: serviceUrls.orders,
      ACCOUNTS_URL: serviceUrls.accounts,
      MARKET_URL: serviceUrls.market,
      STRATEGIES_URL: serviceUrls.strategies,
    },
  };

  const stop = async () => {
    await Promise.all(
      instances.map(async (instance) => {
        if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
        instance.child.kill('SIGTERM');
        const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
        await instance.exited;
        clearTimeout(timer);
      }),
    );
    for (const proxy of proxies.values()) await proxy.close();
  };

  try {
    // The first instance of each part migrates and seeds alone; the second joins an existing schema.
    for (let index = 1; index <= count; index++) {
      const started = await Promise.all(
        [...SERVICES, 'bff' as const].map((part) => startInstance(part, index, envOf[part], options)),
      );
      for (const instance of started) {
        instances.push(instance);
        proxies.get(instance.part)?.add(instance.url);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const url = await bffProxy.listen(options.port);

  return {
    url,
    serviceUrls,
    instances,
    async deployToken() {
      if (process.env.REGISTRY_DEPLOY_TOKEN) return process.env.REGISTRY_DEPLOY_TOKEN;
      const bff = instances.find((i) => i.part === 'bff');
      if (!bff) throw new Error('no BFF instance');
      return (await readFile(path.join(bff.dataDir, 'registry', 'deploy-token'), 'utf8')).trim();
    },
    async kill(instance) {
      instance.child.kill('SIGKILL');
      await instance.exited;
    },
    stop,
    async dropData() {
      for (const part of [...SERVICES, 'bff' as const]) await dropSchema(options.databaseUrl, schema(part));
      const nats = await NatsBackbone.connect({
        url: options.natsUrl,
        stream: bus.NATS_STREAM,
        subjectPrefix: bus.NATS_SUBJECT_PREFIX,
      });
      await nats.deleteStream().catch(() => undefined);
      await nats.close();
      const redis = createClient({ url: options.redisUrl });
      await redis.connect();
      try {
        for await (const batch of redis.scanIterator({ MATCH: `${options.prefix}*`, COUNT: 500 }))
          if (batch.length > 0) await redis.del(batch);
      } finally {
        await redis.quit();
      }
    },
  };
}
