import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperationHandler } from './app.ts';

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;
type Part<P, K extends string> = P extends { [key in K]?: infer X } ? NonNullable<X> : never;
/** Fastify lower-cases header names; the contracts spell them as on the wire (Idempotency-Key). */
type LowerKeys<T> = [T] extends [never] ? never : { [K in keyof T as Lowercase<K & string>]: T[K] };

/** The route generic of one generated operation (openapi-typescript's `operations[id]`). */
export interface RouteOf<Op> {
  Params: Op extends { parameters: infer P } ? Part<P, 'path'> : never;
  Querystring: Op extends { parameters: infer P } ? Part<P, 'query'> : never;
  Headers: Op extends { parameters: infer P } ? LowerKeys<Part<P, 'header'>> : never;
  Body: Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : undefined;
}

/** Answered by the app itself (./app.ts). */
type HealthOperations = 'getLiveness' | 'getReadiness';

/** One handler per operation of a service's contract, each request typed from that operation. */
export type TypedHandlers<Ops> = {
  [Id in keyof Ops]: (request: FastifyRequest<RouteOf<Ops[Id]>>, reply: FastifyReply) => Promise<unknown>;
};

/**
 * The handlers as the app registers them. The one place the request types are asserted rather than
 * inferred: the app validates every request against the same contract (./app.ts, `schema`) before
 * a handler runs, so what the generated types promise is what arrives.
 */
export function typedHandlers<Ops>(
  handlers: Omit<TypedHandlers<Ops>, HealthOperations>,
): Record<string, OperationHandler> {
  return handlers as Record<string, OperationHandler>;
}
