import { describe, expect, it } from 'vitest';
import type { Portfolio } from '../../../shared/api/portfolio.ts';
import { evaluateTicket, type TicketDraft } from './ticket-rules.ts';

const portfolio = {
  customerId: 'c-1',
  accounts: [{ id: 'a-1', name: 'Main', currency: 'USD', cash: { balance: '100.00', available: '100.00' } }],
  holdings: [],
  openOrders: [],
} as unknown as Portfolio;
const asset = { id: 'ACME', symbol: 'ACME', name: 'Acme', currency: 'USD', price: '10.00' } as never;
const draft = (quantity: string): TicketDraft => ({
  accountId: 'a-1',
  assetId: 'ACME',
  side: 'buy',
  type: 'market',
  quantity,
  limitPrice: '',
});
const quantityError = (quantity: string) =>
  evaluateTicket(draft(quantity), { portfolio, asset, fees: undefined }).errors.quantity;

// Issue 15: "Enter a quantity as a number" said nothing useful about −1 or 1e9.
describe('the quantity message says what is wrong', () => {
  it('calls a negative quantity negative', () => {
    expect(quantityError('-1')).toBe('Enter a quantity greater than 0: it cannot be negative.');
  });
  it('asks for plain digits instead of scientific notation', () => {
    expect(quantityError('1e9')).toBe(
      'Write a quantity in plain digits (like 1000000), not in scientific notation.',
    );
  });
  it('still explains text that is not a number at all', () => {
    expect(quantityError('five')).toBe('Enter a quantity as a number, like 5 or 2.5.');
  });
});

// The limit price follows the one limit-price rule (packages/money/src/limit-price.ts).
describe('the limit price message', () => {
  const limitError = (type: TicketDraft['type'], limitPrice: string) =>
    evaluateTicket({ ...draft('1'), type, limitPrice }, { portfolio, asset, fees: undefined }).errors
      .limitPrice;
  it('asks for a limit price on a limit order', () => {
    expect(limitError('limit', '  ')).toBe('Enter a limit price.');
  });
  it('wants it above zero', () => {
    expect(limitError('limit', '0')).toBe('Enter a limit price greater than 0.');
    expect(limitError('limit', '0.0000')).toBe('Enter a limit price greater than 0.');
    expect(limitError('limit', '-2')).toBe('Enter a limit price greater than 0: it cannot be negative.');
    expect(limitError('limit', 'ten')).toBe('Enter a limit price as a number, like 5 or 2.5.');
  });
  it('keeps at most 4 decimals and sends the price with a limit order only', () => {
    expect(limitError('limit', '9.12345')).toBe('Use at most 4 decimal places.');
    const limit = evaluateTicket(
      { ...draft('1'), type: 'limit', limitPrice: ' 9.5 ' },
      { portfolio, asset, fees: undefined },
    );
    expect(limit.errors.limitPrice).toBeUndefined();
    expect(limit.request).toMatchObject({ type: 'limit', limitPrice: '9.5' });
    const market = evaluateTicket(
      { ...draft('1'), limitPrice: '9.5' },
      { portfolio, asset, fees: undefined },
    );
    expect(market.errors.limitPrice).toBeUndefined();
    expect(market.request).not.toHaveProperty('limitPrice');
  });
});
