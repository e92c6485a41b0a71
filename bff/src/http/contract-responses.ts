import type { FastifyInstance } from 'fastify';
import type { Contract } from '../contract/openapi.ts';
import { errorBody } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `<method> <OpenAPI path>` of bff.yaml this route implements. */
    operation?: { method: string; path: string };
  }
}

/**
 * Strict mode (tests): checks every response of a contract route against bff.yaml and turns a
 * mismatch into a 500, so no test can pass with an off-contract response. Outside it nothing is
 * checked: parsing and validating every answer again was a part of the BFF's own CPU per request
 * (bench/RESULTS.md, "The BFF's rows"), for a mismatch that was only logged.
 */
export function installResponseValidation(app: FastifyInstance, contract: Contract, strict: boolean): void {
  if (!strict) return;
  app.addHook('onSend', async (request, reply, payload) => {
    const op = request.routeOptions.config.operation;
    if (!op) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    let body: unknown = undefined;
    if (typeof payload === 'string' && payload.length > 0) {
      body = type.includes('json') ? JSON.parse(payload) : payload;
    }
    const problems = contract.checkResponse(op.method, op.path, reply.statusCode, body);
    if (problems.length === 0) return payload;
    request.log.error(
      { operation: `${op.method} ${op.path}`, status: reply.statusCode, problems },
      'response does not match the contract',
    );
    reply.code(500).type('application/json; charset=utf-8');
    return JSON.stringify(
      errorBody(request, 'contract_violation', `Response does not match bff.yaml: ${problems.join('; ')}`),
    );
  });
}
