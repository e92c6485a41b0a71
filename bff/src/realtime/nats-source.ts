import { NatsBackbone } from '@simplebank/events';
import type { BffConfig } from '../config.ts';
import type { EventSource } from './event-bridge.ts';

export interface ConnectedEventSource {
  source: EventSource;
  close(): Promise<void>;
}

/**
 * The services' backbone over NATS JetStream (the same stream and subject prefix the services
 * publish on), for a BFF whose services run in their own processes. Only reads: the BFF publishes
 * nothing on the backbone.
 */
export async function connectNatsEventSource(
  config: Pick<BffConfig, 'natsUrl' | 'natsStream' | 'natsSubjectPrefix' | 'port'>,
  onError?: (err: unknown) => void,
): Promise<ConnectedEventSource> {
  if (!config.natsUrl) throw new Error('NATS_URL is not set');
  const backbone = await NatsBackbone.connect({
    url: config.natsUrl,
    stream: config.natsStream,
    subjectPrefix: config.natsSubjectPrefix,
    name: `bff-${config.port}`,
    ...(onError ? { onError } : {}),
  });
  let closing: Promise<void> | null = null;
  // Closing twice (a failed start, then shutdown) must not fail on the drained connection.
  return { source: backbone, close: () => (closing ??= backbone.close()) };
}
