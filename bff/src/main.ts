import pino from 'pino';
import { loadConfig } from './config.ts';
import { buildBff } from './app.ts';
import { connectNatsEventSource } from './realtime/nats-source.ts';
import path from 'node:path';
import { startTracing } from '@simplebank/service-kit';
import { openBffDatabase } from './store/database.ts';

/**
 * The embedded default runs the backend services in this process (`npm start`,
 * docs/adr/0002-pglite-embedded-default.md). Loaded only when used, so a BFF configured with
 * service URLs or NATS never loads their code.
 */
async function startServices(dataDir: string) {
  const { startEmbeddedServices } = await import('@simplebank/services-embedded');
  // ORDERS_READ_MODEL_LAG_MS (README, Configuration) reaches the embedded orders service here;
  // unset, the services' own default applies.
  const lag = process.env.ORDERS_READ_MODEL_LAG_MS;
  const readModelLagMs =
    lag !== undefined && lag !== '' && Number.isFinite(Number(lag)) ? Number(lag) : undefined;
  // SIMPLEBANK_DRILL_PORT (README, Configuration): outage drills' control port, off unless set.
  const drillPort = process.env.SIMPLEBANK_DRILL_PORT ? Number(process.env.SIMPLEBANK_DRILL_PORT) : undefined;
  return startEmbeddedServices({
    dataDir: path.join(dataDir, 'services'),
    ...(readModelLagMs !== undefined ? { readModelLagMs } : {}),
    ...(drillPort !== undefined ? { drillPort } : {}),
  });
}

async function main(): Promise<void> {
  // First, so the embedded services' apps are instrumented too: OTLP export when
  // OTEL_EXPORTER_OTLP_ENDPOINT is set, else off (docs/OBSERVABILITY.md).
  const tracing = startTracing({ serviceName: 'simplebank-bff' });
  let config = loadConfig();
  const anyConfigured = Object.values(config.services).some(Boolean);
  // With NATS_URL the services run in their own processes and publish on JetStream; the in-process
  // bus of embedded services would never see their events, so nothing is embedded then.
  const services =
    config.embedded && !anyConfigured && !config.natsUrl ? await startServices(config.dataDir) : null;
  if (services)
    config = {
      ...config,
      services: { ...services.urls },
      // The embedded services trust only the key pair they generated.
      serviceTokenPrivateKey: services.keys.bff.privateKey,
    };
  const log = pino({
    base: { service: 'bff', version: config.version },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  const nats = config.natsUrl
    ? await connectNatsEventSource(config, (err) =>
        log.warn({ err: String(err) }, 'backbone message could not be handled'),
      )
    : null;
  const eventSource = nats?.source ?? services?.bus;

  // Opened here rather than by buildBff: in the services' PGlite, so it must close before they stop.
  const database = services ? await openBffDatabase(config, services.pglite) : undefined;
  const app = await buildBff(config, {
    ...(eventSource ? { eventSource } : {}),
    ...(database ? { database } : {}),
  });
  await app.listen({ host: config.host, port: config.port });
  await app.metricsServer?.listen({ host: config.metricsHost, port: config.metricsPort ?? 0 });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await nats?.close();
    await services?.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
