// `npm run start:scale-out`: the scale-out shape on this machine (README.md, Scale-out).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startScaleOut } from './shape.ts';

const usage = `npm run start:scale-out -- [--port 3000] [--prefix scaleout | --fresh] [--instances 2] [--data-dir var/scale-out/<prefix>]

Starts two instances of the BFF and of each service, each its own process with its own data folder,
behind round-robin proxies (the BFF's on --port), on the servers named by
  DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres), NATS_URL (nats://127.0.0.1:4222),
  REDIS_URL (redis://127.0.0.1:6379).
--prefix names the schemas (<prefix>_bff, <prefix>_orders, ...), the NATS stream and the Redis keys,
so a later run with the same prefix finds the same data. --fresh uses a new random prefix and drops
its data on exit (Ctrl-C).`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    prefix: { type: 'string', default: 'scaleout' },
    fresh: { type: 'boolean', default: false },
    instances: { type: 'string', default: '2' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const prefix = values.fresh ? `so${randomUUID().replace(/-/g, '').slice(0, 10)}` : values.prefix;
if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) {
  console.error(`--prefix must match ^[a-z][a-z0-9_]{0,30}$ (it names PostgreSQL schemas): ${prefix}`);
  process.exit(2);
}
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataDir = path.resolve(values['data-dir'] ?? path.join(repoRoot, 'var', 'scale-out', prefix));

const shape = await startScaleOut({
  prefix,
  dataDir,
  port: Number(values.port),
  instances: Number(values.instances),
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
});
console.log(`SimpleBank scale-out (prefix ${prefix}) at ${shape.url}`);
for (const instance of shape.instances)
  console.log(
    `  ${instance.name.padEnd(13)} ${instance.url}  pid ${instance.child.pid}  log ${instance.dataDir}.log`,
  );
for (const [name, url] of Object.entries(shape.serviceUrls))
  console.log(`  ${`${name} proxy`.padEnd(13)} ${url}`);
console.log(`  deploy token  ${await shape.deployToken()}`);
for (const instance of shape.instances)
  void instance.exited.then(() => console.log(`${instance.name} (pid ${instance.child.pid}) exited`));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await shape.stop();
  if (values.fresh) await shape.dropData();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
