import { ApiError } from './errors.ts';

/**
 * C0 control characters and DEL, except tab, line feed and carriage return. PostgreSQL cannot
 * store NUL in text at all, and none of them belongs in a name, an id or a reference.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The first string field (as `a.b.0.c`) holding a control character, or null. */
export function fieldWithControlCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    // Keys are written to JSON columns too: a bad key is as bad as a bad value.
    const at = path ? `${path}.${key}` : key;
    if (CONTROL.test(key)) return at;
    const found = fieldWithControlCharacter(child, at);
    if (found !== null) return found;
  }
  return null;
}

/** 400 naming the field when a body, query or path value holds a control character. */
export function refuseControlCharacters(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  const inBody = fieldWithControlCharacter(parts.body);
  const inQuery = fieldWithControlCharacter(parts.query);
  const inParams = fieldWithControlCharacter(parts.params);
  const field =
    inBody !== null
      ? inBody || 'body'
      : inQuery !== null
        ? `query:${inQuery}`
        : inParams !== null
          ? `params:${inParams}`
          : null;
  if (field === null) return;
  throw new ApiError(400, 'VALIDATION_FAILED', `${field} must not contain control characters`, [
    { field, reason: 'must not contain control characters' },
  ]);
}

/**
 * PostgreSQL's class 22 "data exception" (numeric overflow, invalid text, string too long...):
 * a value the caller sent that the database cannot hold. The contract's bounds should refuse such
 * input first; this keeps any that slips through a 400, never a 500 that trips a caller's breaker.
 */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
