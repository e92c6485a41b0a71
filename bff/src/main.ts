import { loadConfig, type ServiceUrls } from './config.ts';
import { buildBff } from './app.ts';
import type { EventSource } from './realtime/event-bridge.ts';
import path from 'node:path';

interface EmbeddedServices {
  urls: ServiceUrls;
  bus: EventSource;
  stop(): Promise<void>;
}

/**
 * The embedded default runs the backend services in this process when their workspace exists
 * (`@simplebank/services-embedded`); the BFF works without them (registry, sessions, shell).
 */
async function startServices(dataDir: string): Promise<EmbeddedServices | null> {
  const specifier = '@simplebank/services-embedded';
  let mod: { startEmbeddedServices?: (opts: { dataDir: string }) => Promise<EmbeddedServices> };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (err) {
    // Only the workspace itself missing means "no embedded services"; a broken one must fail loudly.
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(specifier)) return null;
    throw err;
  }
  return mod.startEmbeddedServices ? mod.startEmbeddedServices({ dataDir: path.join(dataDir, 'services') }) : null;
}

async function main(): Promise<void> {
  let config = loadConfig();
  const anyConfigured = Object.values(config.services).some(Boolean);
  const services = config.embedded && !anyConfigured ? await startServices(config.dataDir) : null;
  if (services) config = { ...config, services: { ...services.urls } };

  const app = await buildBff(config, services ? { eventSource: services.bus } : {});
  await app.listen({ host: config.host, port: config.port });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await services?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
