import { describe, expect, it } from 'vitest';
import type { ApiError } from './errors.ts';
import { fieldWithControlCharacter, isDataException, refuseControlCharacters } from './input-guard.ts';

describe('control characters in requests', () => {
  it('names the first text field holding one, however deep', () => {
    expect(fieldWithControlCharacter({ name: 'ok', allocations: [{ assetId: 'AC\u0000ME' }] })).toBe(
      'allocations.0.assetId',
    );
    expect(fieldWithControlCharacter({ ['bad\u0007key']: 1 })).toBe('bad\u0007key');
    expect(fieldWithControlCharacter({ description: 'two\nlines\tand a tab\r\n' })).toBeNull();
    expect(fieldWithControlCharacter({ amount: 5, ok: true, none: null })).toBeNull();
  });

  it('refuses with 400 VALIDATION_FAILED naming the field, in body, query or path', () => {
    const refusal = (parts: Parameters<typeof refuseControlCharacters>[0]) => {
      try {
        refuseControlCharacters(parts);
      } catch (error) {
        return error as ApiError;
      }
      return null;
    };
    expect(refusal({ body: { name: 'x\u0000' } })).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'name', reason: 'must not contain control characters' }],
    });
    expect(refusal({ query: { assetId: '\u001b[2J' } })?.details?.[0]?.field).toBe('query:assetId');
    expect(refusal({ params: { orderId: 'o\u007f' } })?.details?.[0]?.field).toBe('params:orderId');
    expect(refusal({ body: 'raw\u0000' })?.details?.[0]?.field).toBe('body');
    expect(refusal({ body: { name: 'Tech Tilt' }, query: {}, params: { id: 's-1' } })).toBeNull();
  });
});

describe('database data exceptions', () => {
  it('recognises class 22 (numeric overflow 22003, bad text 22021) and nothing else', () => {
    expect(isDataException({ code: '22003' })).toBe(true);
    expect(isDataException({ code: '22021' })).toBe(true);
    expect(isDataException({ code: '23505' })).toBe(false);
    expect(isDataException(new Error('boom'))).toBe(false);
    expect(isDataException(null)).toBe(false);
  });
});
