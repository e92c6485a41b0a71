import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

export interface OperationSchemas {
  operationId: string;
  method: string;
  /** Fastify path syntax (`/orders/:id`). */
  url: string;
  schema: { params?: Json; querystring?: Json; headers?: Json; body?: Json };
  /** Response body schema per status code (`200`, `201`, `2XX`, `default`). */
  responses: Record<string, Json | null>;
}

/** Replaces every internal `$ref` by what it points to, so each schema stands alone. */
function dereference(node: unknown, root: Json, stack: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => dereference(n, root, stack));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Json;
  if (typeof obj.$ref === 'string') {
    const ref = obj.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only internal $ref are supported: ${ref}`);
    if (stack.includes(ref)) throw new Error(`recursive $ref ${ref}`);
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (at, key) => (at as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        root,
      );
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    const { $ref: _ref, ...siblings } = obj;
    const resolved = dereference(target, root, [...stack, ref]) as Json;
    return Object.keys(siblings).length > 0
      ? { ...resolved, ...(dereference(siblings, root, stack) as Json) }
      : resolved;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(obj)) out[key] = dereference(value, root, stack);
  return out;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
  description?: string;
}

function parametersObject(params: Parameter[], lowerCaseNames: boolean): Json | undefined {
  if (params.length === 0) return undefined;
  const properties: Json = {};
  const required: string[] = [];
  for (const p of params) {
    const name = lowerCaseNames ? p.name.toLowerCase() : p.name;
    properties[name] = { ...(p.schema ?? {}), ...(p.description ? { description: p.description } : {}) };
    if (p.required) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Reads an OpenAPI 3.1 document and returns each operation's request and response schemas. */
export function loadOperations(specPath: string): { info: Json; operations: OperationSchemas[] } {
  const root = parse(readFileSync(specPath, 'utf8')) as Json;
  const spec = dereference(root, root) as Json;
  const operations: OperationSchemas[] = [];
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
    const shared = (item.parameters ?? []) as Parameter[];
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      if (typeof op.operationId !== 'string')
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const params = [...shared, ...((op.parameters ?? []) as Parameter[])];
      const body = (op.requestBody as Json | undefined)?.content as
        Record<string, { schema?: Json }> | undefined;
      const schema: OperationSchemas['schema'] = {};
      const p = parametersObject(
        params.filter((x) => x.in === 'path'),
        false,
      );
      const q = parametersObject(
        params.filter((x) => x.in === 'query'),
        false,
      );
      const h = parametersObject(
        params.filter((x) => x.in === 'header'),
        true,
      );
      if (p) schema.params = p;
      if (q) schema.querystring = q;
      if (h) schema.headers = h;
      if (body?.['application/json']?.schema) schema.body = body['application/json'].schema;
      const responses: Record<string, Json | null> = {};
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        const content = response.content as Record<string, { schema?: Json }> | undefined;
        responses[status] = content?.['application/json']?.schema ?? null;
      }
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        url: path.replace(/\{([^}]+)\}/g, ':$1'),
        schema,
        responses,
      });
    }
  }
  return { info: (spec.info ?? {}) as Json, operations };
}
