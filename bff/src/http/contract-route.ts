import type {
  FastifyInstance,
  RouteGenericInterface,
  RouteHandlerMethod,
  RouteShorthandOptions,
} from 'fastify';
import { toFastifyPath, type Contract } from '../contract/openapi.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Registers a route for one bff.yaml operation: the request schemas come from the contract (so
 * Fastify answers 400 with field and reason) and responses are checked against it.
 */
export function contractRoute<RG extends RouteGenericInterface = RouteGenericInterface>(
  app: FastifyInstance,
  contract: Contract,
  method: Method,
  path: string,
  handler: RouteHandlerMethod<never, never, never, RG>,
  options: RouteShorthandOptions = {},
): void {
  app.route<RG>({
    ...(options as object),
    method,
    url: toFastifyPath(path),
    schema: contract.requestSchemas(method.toLowerCase() as 'get', path),
    config: { ...(options.config ?? {}), operation: { method, path } },
    handler: handler as never,
  });
}
