import { compareDecimals, formatMoney } from '@simplebank/ui';

/**
 * An unrealized profit or loss: the signed amount and the word "gain" or "loss" (so the meaning
 * never rests on colour alone); "no change" when it rounds to zero; "Not available" without a value.
 */
export function ProfitLoss({ amount, currency }: { amount: string | null; currency: string }) {
  if (amount === null) return <span className="sb-muted">Not available</span>;
  const shown = formatMoney(amount, currency, { signDisplay: 'exceptZero' });
  // The sign of what is shown (a loss of a fraction of a cent shows as no change).
  const sign = /[1-9]/.test(shown) ? compareDecimals(amount, '0') : 0;
  if (sign === 0) return <span>{formatMoney(amount, currency, { signDisplay: 'never' })} no change</span>;
  return (
    <span className={sign > 0 ? 'sb-gain' : 'sb-loss'}>
      {shown} {sign > 0 ? 'gain' : 'loss'}
    </span>
  );
}
