import { describe, expect, it } from 'vitest';
import { valueOverTime } from './value-over-time.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, seconds)).toISOString();

describe('valueOverTime', () => {
  it('values today’s quantities at each time, from when every asset has a price', () => {
    const values = valueOverTime(
      new Map([
        ['abc', '2'],
        ['xyz', '10'],
      ]),
      new Map([
        [
          'abc',
          [
            { price: '100.00', at: at(0) },
            { price: '101.00', at: at(20) },
            { price: '99.50', at: at(40) },
          ],
        ],
        [
          'xyz',
          [
            { price: '5.00', at: at(10) },
            { price: '5.10', at: at(30) },
          ],
        ],
      ]),
    );
    expect(values).toEqual([
      { price: '250.00', at: at(10) }, // 2 × 100 + 10 × 5
      { price: '252.00', at: at(20) }, // 2 × 101 + 10 × 5
      { price: '253.00', at: at(30) }, // 2 × 101 + 10 × 5.10
      { price: '250.00', at: at(40) }, // 2 × 99.50 + 10 × 5.10
    ]);
  });

  it('is empty without holdings or when an asset has no price', () => {
    expect(valueOverTime(new Map(), new Map())).toEqual([]);
    expect(valueOverTime(new Map([['abc', '1']]), new Map([['abc', []]]))).toEqual([]);
  });
});
