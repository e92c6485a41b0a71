import type { Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { SERVICE_NAMES, type ServiceName } from './service-names.ts';
/** Longer outages are not drills any more: stop the product instead. */
export const MAX_OUTAGE_MS = 60_000;

export interface Outage {
  service: ServiceName;
  until: string;
}

/**
 * Outage drills for the embedded default: a service's listener resets every connection, open or
 * new, until the drill ends, which is what the BFF sees when a service process dies and comes back
 * on the same address (connection errors, not answers). The BFF's breakers, retries and the UI's
 * messages can then be tried against the real product (e2e/tests/service-outage.spec.ts).
 */
export class OutageDrills {
  private readonly endsAt = new Map<ServiceName, number>();

  constructor(private readonly servers: Record<ServiceName, Server>) {
    for (const name of SERVICE_NAMES)
      servers[name].on('connection', (socket) => {
        if (this.isDown(name)) socket.destroy();
      });
  }

  private isDown(name: ServiceName): boolean {
    const until = this.endsAt.get(name);
    return until !== undefined && Date.now() < until;
  }

  /** Takes `service` down for `durationMs` from now (a drill already running is extended or cut). */
  start(service: ServiceName, durationMs: number): Outage {
    const until = Date.now() + durationMs;
    this.endsAt.set(service, until);
    // Keep-alive connections the BFF already holds would otherwise still reach the service.
    this.servers[service].closeAllConnections();
    return { service, until: new Date(until).toISOString() };
  }

  current(): Outage[] {
    return SERVICE_NAMES.filter((name) => this.isDown(name)).map((service) => ({
      service,
      until: new Date(this.endsAt.get(service)!).toISOString(),
    }));
  }
}

/**
 * The drills' control port (SIMPLEBANK_DRILL_PORT, loopback only, off unless set):
 * `POST /drills/outages {"service":"orders","durationMs":5000}` and `GET /drills/outages`.
 */
export async function startDrillServer(
  drills: OutageDrills,
  port: number,
  host = '127.0.0.1',
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.post(
    '/drills/outages',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['service', 'durationMs'],
          properties: {
            service: { type: 'string', enum: [...SERVICE_NAMES] },
            durationMs: { type: 'integer', minimum: 1, maximum: MAX_OUTAGE_MS },
          },
        },
      },
    },
    async (request, reply) => {
      const { service, durationMs } = request.body as { service: ServiceName; durationMs: number };
      return reply.code(201).send(drills.start(service, durationMs));
    },
  );
  app.get('/drills/outages', async () => ({ items: drills.current() }));
  await app.listen({ port, host });
  return app;
}
