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
