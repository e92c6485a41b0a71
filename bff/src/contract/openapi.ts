import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

type Json = Record<string, unknown>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
  $ref?: string;
}

export interface RequestSchemas {
  body?: Json;
  querystring?: Json;
  params?: Json;
  headers?: Json;
}

const SCHEMA_ID = 'bff';
const optionalBody = new WeakSet<object>();

/** Rewrites `#/components/schemas/X` into `bff#/$defs/X` so schemas resolve inside one Ajv. */
function rewriteRefs<T>(node: T): T {
  if (Array.isArray(node)) return node.map(rewriteRefs) as T;
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) {
      out[k] =
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/components/schemas/', `${SCHEMA_ID}#/$defs/`)
          : rewriteRefs(v);
    }
    return out as T;
  }
  return node;
}

export function specPath(): string {
  return createRequire(import.meta.url).resolve('@simplebank/openapi/spec/bff.yaml');
}

/**
 * bff.yaml loaded once: request schemas for Fastify's validation (same Ajv, JSON Schema 2020-12 as
 * OpenAPI 3.1) and response validators that check what the BFF sends against the contract.
 */
export class Contract {
  readonly spec: Json;
  private readonly requestAjv: Ajv2020;
  private readonly bodyAjv: Ajv2020;
  private readonly responseAjv: Ajv2020;
  private readonly responseValidators = new Map<string, ValidateFunction | null>();

  constructor(file = specPath()) {
    this.spec = parse(readFileSync(file, 'utf8')) as Json;
    const defs = rewriteRefs(((this.spec.components as Json).schemas ?? {}) as Json);
    const shared = { $id: SCHEMA_ID, $defs: defs };
    // Query strings and headers arrive as strings: coerce them like Fastify does by default.
    this.requestAjv = new Ajv2020({
      strict: false,
      coerceTypes: 'array',
      useDefaults: true,
      allErrors: false,
    });
    // JSON bodies have real types: `"password": 42` is a 400, not the string "42".
    this.bodyAjv = new Ajv2020({ strict: false, useDefaults: true, allErrors: false });
    this.responseAjv = new Ajv2020({ strict: false, allErrors: true });
    for (const ajv of [this.requestAjv, this.bodyAjv, this.responseAjv]) {
      addFormats(ajv);
      ajv.addSchema(shared);
    }
  }

  private operation(method: Method, path: string): { op: Json; pathItem: Json } {
    const pathItem = (this.spec.paths as Json)[path] as Json | undefined;
    const op = pathItem?.[method] as Json | undefined;
    if (!pathItem || !op) throw new Error(`bff.yaml has no operation ${method.toUpperCase()} ${path}`);
    return { op, pathItem };
  }

  private resolveParam(p: Parameter): Parameter {
    if (!p.$ref) return p;
    const name = p.$ref.replace('#/components/parameters/', '');
    return ((this.spec.components as Json).parameters as Json)[name] as Parameter;
  }

  /** Fastify `schema` for one operation: body, querystring, params and headers. */
  requestSchemas(method: Method, path: string): RequestSchemas {
    const { op, pathItem } = this.operation(method, path);
    const params = [
      ...((pathItem.parameters as Parameter[]) ?? []),
      ...((op.parameters as Parameter[]) ?? []),
    ].map((p) => this.resolveParam(p));
    const out: RequestSchemas = {};
    const group = (where: Parameter['in'], lower: boolean): Json | undefined => {
      const ps = params.filter((p) => p.in === where);
      if (ps.length === 0) return undefined;
      const key = (n: string) => (lower ? n.toLowerCase() : n);
      return {
        type: 'object',
        properties: Object.fromEntries(ps.map((p) => [key(p.name), rewriteRefs(p.schema ?? {})])),
        required: ps.filter((p) => p.required).map((p) => key(p.name)),
      };
    };
    const q = group('query', false);
    if (q) out.querystring = { ...q, additionalProperties: false };
    const pp = group('path', false);
    if (pp) out.params = pp;
    const h = group('header', true);
    if (h) out.headers = h;
    const body = op.requestBody as { required?: boolean; content?: Json } | undefined;
    const media = body?.content?.['application/json'] as { schema?: Json } | undefined;
    if (media?.schema) {
      const schema = rewriteRefs(media.schema);
      if (!body?.required) optionalBody.add(schema);
      out.body = schema;
    }
    return out;
  }

  /** Fastify validator compiler backed by the contract's Ajv. */
  validatorCompiler = ({ schema, httpPart }: { schema: Json; httpPart?: string }) => {
    const validate = (httpPart === 'body' ? this.bodyAjv : this.requestAjv).compile(schema);
    const optional = optionalBody.has(schema);
    const fn = (data: unknown) => {
      if (optional && (data === undefined || data === null)) return true;
      const ok = validate(data);
      fn.errors = validate.errors;
      return ok;
    };
    fn.errors = null as ErrorObject[] | null | undefined;
    return fn;
  };

  private responseValidator(
    method: Method,
    path: string,
    status: number,
  ): ValidateFunction | null | 'undeclared' {
    const key = `${method} ${path} ${status}`;
    if (this.responseValidators.has(key)) return this.responseValidators.get(key) ?? null;
    const { op } = this.operation(method, path);
    const responses = op.responses as Json;
    let response = (responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default) as
      Json | undefined;
    if (!response) return 'undeclared';
    if (typeof response.$ref === 'string') {
      response = ((this.spec.components as Json).responses as Json)[
        response.$ref.replace('#/components/responses/', '')
      ] as Json;
    }
    const schema = ((response.content as Json | undefined)?.['application/json'] as Json | undefined)
      ?.schema as Json | undefined;
    const validate = schema ? this.responseAjv.compile(rewriteRefs(schema)) : null;
    this.responseValidators.set(key, validate);
    return validate;
  }

  /** Problems with a response against the contract; empty when it conforms. */
  checkResponse(method: string, path: string, status: number, body: unknown): string[] {
    const m = method.toLowerCase() as Method;
    const validate = this.responseValidator(m, path, status);
    if (validate === 'undeclared') return [`status ${status} is not declared for ${method} ${path}`];
    if (validate === null)
      return body === undefined || body === '' || body === null ? [] : ['the contract declares no body'];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
  }

  /** The operation's security requirements (its own, or the document's default). */
  securityOf(method: string, path: string): Record<string, unknown>[] {
    const { op } = this.operation(method.toLowerCase() as Method, path);
    return ((op.security ?? this.spec.security ?? []) as Record<string, unknown>[]).map((r) => r ?? {});
  }

  hasOperation(method: string, path: string): boolean {
    const item = (this.spec.paths as Json)[path] as Json | undefined;
    return Boolean(item?.[method.toLowerCase()]);
  }
}

/** `/api/orders/{id}` → `/api/orders/:id` */
export function toFastifyPath(oasPath: string): string {
  return oasPath.replace(/\{([^}]+)\}/g, ':$1');
}
