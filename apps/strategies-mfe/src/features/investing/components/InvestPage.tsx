import { useApi, useEvents, useFlag, useHasRole, useNavigate, Link, useParams } from '@simplebank/platform';
import {
  Button,
  ErrorNotice,
  formatMoney,
  Loading,
  Notice,
  PageHeading,
  Select,
  TextField,
} from '@simplebank/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { strategyQuery } from '../../../shared/api/strategy.ts';
import type { Strategy } from '../../../shared/api/strategies.ts';
import { useAssetsById } from '../../../shared/hooks/useAssets.ts';
import { feesQuery, invest, portfolioQuery, type Account } from '../api/investing.ts';
import { amountError, previewInvestment, strategyMinimum } from '../lib/preview.ts';
import { InvestmentPreviewTable } from './InvestmentPreviewTable.tsx';
import type { FeeSchedule, Minimums } from '../../../shared/lib/money.ts';
import { ApiError } from '@simplebank/platform';

/** The server's refusal in words; a flag turned off is named by what it means to the customer. */
function investRefusal(error: Error): string {
  if (error instanceof ApiError && error.code === 'feature_disabled')
    return 'Investing was turned off before your investment reached us, so nothing was invested. Your amount is kept; please try again later.';
  return error.message;
}

function InvestForm({
  strategy,
  accounts,
  fees,
  enabled,
}: {
  strategy: Strategy;
  accounts: Account[];
  fees: FeeSchedule & Minimums;
  /** The `strategies.invest` flag: off, the form keeps what was typed but sends nothing. */
  enabled: boolean;
}) {
  const api = useApi();
  const navigate = useNavigate();
  const events = useEvents();
  const assetsById = useAssetsById();
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [submitted, setSubmitted] = useState(false);
  // One key per (account, amount): a double click or a retry after a network error is the same
  // investment; changing what is asked for is a new one.
  const key = useRef<string>(crypto.randomUUID());
  const account = accounts.find((candidate) => candidate.id === accountId);
  const preview = previewInvestment(strategy, amount, fees);
  const minimum = strategyMinimum(strategy, fees);
  const inCurrency = (value: string) => formatMoney(value, account?.currency ?? 'USD');
  const error = amountError(amount, preview, account?.cash.available, {
    amount: minimum,
    minimumOrderValue: fees.minimumOrderValue,
    currency: inCurrency,
  });

  const mutation = useMutation({
    mutationFn: () => invest(api, strategy.id, { accountId, amount: amount.trim() }, key.current),
    onSuccess: (investment) => {
      events.emit('investment.requested', {
        investmentId: investment.id,
        strategyId: strategy.id,
        accountId,
      });
      navigate(`/strategies/investments/${encodeURIComponent(investment.id)}`);
    },
  });

  const change = (next: () => void) => {
    next();
    key.current = crypto.randomUUID();
    mutation.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!error && account && enabled) mutation.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Invest in ${strategy.name}`}>
      {!enabled && (
        <Notice tone="warning" title="Investing in strategies has just been turned off">
          This investment cannot be sent now. What you entered is kept; please come back later to invest.
        </Notice>
      )}
      {mutation.isError && (
        <Notice tone="danger" title="The investment was not made.">
          {investRefusal(mutation.error)}
        </Notice>
      )}
      <Select
        label="Account"
        value={accountId}
        options={accounts.map((candidate) => ({
          value: candidate.id,
          label: `${candidate.name} (${formatMoney(candidate.cash.available, candidate.currency)} available)`,
        }))}
        onChange={(event) => change(() => setAccountId(event.target.value))}
      />
      <TextField
        label="Amount"
        inputMode="decimal"
        autoComplete="off"
        hint={
          account
            ? `In ${account.currency}. Each order also pays a fee. The minimum for this strategy is ${inCurrency(minimum)} (each order at least ${inCurrency(fees.minimumOrderValue)}).`
            : undefined
        }
        value={amount}
        error={submitted ? error : undefined}
        onChange={(event) => change(() => setAmount(event.target.value))}
      />
      {preview && account && (
        <InvestmentPreviewTable preview={preview} currency={account.currency} assetsById={assetsById} />
      )}
      <div className="sb-form-actions">
        <Button type="submit" busy={mutation.isPending} disabled={!enabled}>
          Confirm investment
        </Button>
        <Link className="sb-button sb-button--secondary" to="/strategies">
          Cancel
        </Link>
      </div>
    </form>
  );
}

function Invest({ id, enabled }: { id: string; enabled: boolean }) {
  const api = useApi();
  const strategy = useQuery(strategyQuery(api, id));
  const portfolio = useQuery(portfolioQuery(api));
  const fees = useQuery(feesQuery(api));
  const failed = [strategy, portfolio, fees].find((query) => query.isError);

  return (
    <>
      <PageHeading
        title={strategy.data ? `Invest in ${strategy.data.name}` : 'Invest in a strategy'}
        description="SimpleBank splits the amount over the strategy's assets and places one buy order for each."
      />
      {failed ? (
        <ErrorNotice
          title="We could not prepare the investment."
          error={failed.error}
          onRetry={() => void failed.refetch()}
        />
      ) : !strategy.data || !portfolio.data || !fees.data ? (
        <Loading label="Loading…" />
      ) : portfolio.data.accounts.length === 0 ? (
        <Notice title="You have no account to invest from yet" />
      ) : (
        <InvestForm
          strategy={strategy.data}
          accounts={portfolio.data.accounts}
          fees={fees.data}
          enabled={enabled}
        />
      )}
    </>
  );
}

/** /strategies/:id/invest: customers only, behind the `strategies.invest` flag. */
export function InvestPage() {
  const { id = '' } = useParams();
  const enabled = useFlag('strategies.invest');
  const isCustomer = useHasRole('customer');
  // Opened while investing was on: the form stays (with what was typed) if the flag goes off.
  const [openedEnabled] = useState(enabled);
  if (!isCustomer) {
    return (
      <>
        <PageHeading title="Invest in a strategy" />
        <Notice tone="warning" title="You are not allowed to see this page">
          Investing is for SimpleBank customers.
        </Notice>
      </>
    );
  }
  if (!enabled && !openedEnabled) {
    return (
      <>
        <PageHeading title="Invest in a strategy" />
        <Notice title="Investing in strategies is not available right now">
          You can still see the strategies; please come back later to invest.
        </Notice>
      </>
    );
  }
  return <Invest id={id} enabled={enabled} />;
}
