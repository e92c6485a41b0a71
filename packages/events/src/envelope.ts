import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { messageCatalog, type MessageData, type MessageType } from './messages.ts';

/** What travels on the backbone. `id` is unique per message: consumers deduplicate by it. */
export interface Envelope<T extends MessageType = MessageType> {
  id: string;
  type: T;
  /** Schema version of `data` (see messageCatalog). */
  version: number;
  /** The service that wrote the message. */
  source: string;
  occurredAt: string;
  /** Ties the messages of one business flow together (an order id, an investment id). */
  correlationId: string | null;
  data: MessageData<T>;
  /**
   * W3C trace context (`traceparent`, `tracestate`) of the span that wrote the message, so its
   * consumers continue the same trace (docs/OBSERVABILITY.md). Absent when tracing is off.
   */
  traceContext?: Record<string, string>;
}

/** The active span's trace context, or undefined (the API's propagator is a no-op until tracing starts). */
function activeTraceContext(): Record<string, string> | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** Keeps a received trace context only if it is a flat object of strings. */
function readTraceContext(raw: unknown): Record<string, string> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entries = Object.entries(raw).filter(([, v]) => typeof v === 'string') as [string, string][];
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Any message, with `data` narrowed once `type` is checked (see isMessage). */
export type AnyEnvelope = { [T in MessageType]: Envelope<T> }[MessageType];

export function createMessage<T extends MessageType>(
  type: T,
  data: MessageData<T>,
  meta: { source: string; correlationId?: string | null; id?: string; occurredAt?: Date },
): Envelope<T> {
  const entry = messageCatalog[type];
  // Validate on the way out: a producer bug surfaces at the producer, not in every consumer.
  const parsed = entry.data.parse(data) as MessageData<T>;
  const traceContext = activeTraceContext();
  return {
    id: meta.id ?? randomUUID(),
    type,
    version: entry.version,
    source: meta.source,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    correlationId: meta.correlationId ?? null,
    data: parsed,
    ...(traceContext ? { traceContext } : {}),
  };
}

export class UnknownMessageError extends Error {}

/** Checks a received message against the catalog (type known, version supported, data valid). */
export function parseEnvelope(raw: unknown): AnyEnvelope {
  if (typeof raw !== 'object' || raw === null) throw new UnknownMessageError('message is not an object');
  const candidate = raw as Partial<Envelope>;
  const type = candidate.type;
  if (typeof type !== 'string' || !(type in messageCatalog))
    throw new UnknownMessageError(`unknown message type ${String(type)}`);
  const entry = messageCatalog[type as MessageType];
  if (candidate.version !== entry.version)
    throw new UnknownMessageError(`${type} version ${String(candidate.version)} is not supported`);
  if (
    typeof candidate.id !== 'string' ||
    typeof candidate.source !== 'string' ||
    typeof candidate.occurredAt !== 'string'
  ) {
    throw new UnknownMessageError(`${type}: envelope fields missing`);
  }
  return {
    id: candidate.id,
    type: type as MessageType,
    version: entry.version,
    source: candidate.source,
    occurredAt: candidate.occurredAt,
    correlationId: candidate.correlationId ?? null,
    data: entry.data.parse(candidate.data),
    ...(readTraceContext(candidate.traceContext)
      ? { traceContext: readTraceContext(candidate.traceContext) }
      : {}),
  } as AnyEnvelope;
}

export function isMessage<T extends MessageType>(envelope: Envelope, type: T): envelope is Envelope<T> {
  return envelope.type === type;
}
