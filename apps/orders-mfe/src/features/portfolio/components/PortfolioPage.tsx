import { useApi, useLiveQueryOptions, useNavigate } from '@simplebank/platform';
import {
  Button,
  Card,
  ErrorNotice,
  formatDateTime,
  formatMoney,
  Loading,
  Notice,
  PageHeading,
  StatList,
  addDecimals,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { isForbidden } from '@simplebank/platform';
import { useAssets } from '../../../shared/hooks/useAssets.ts';
import { ConnectionBadge } from '../../../shared/components/ConnectionBadge.tsx';
import { portfolioQuery, type Portfolio } from '../../../shared/api/portfolio.ts';
import { useValuedHoldings, type Valuation } from '../hooks/useValuedHoldings.ts';
import { AllocationCard } from './AllocationCard.tsx';
import { HoldingsTable } from './HoldingsTable.tsx';
import { ValueOverTime } from './ValueOverTime.tsx';
import { ProfitLoss } from './ProfitLoss.tsx';

/** The one currency of the customer's accounts; the contract's totals carry no currency of their own. */
function portfolioCurrency(portfolio: Portfolio): string {
  return portfolio.accounts[0]?.currency ?? 'USD';
}

function ValuationNotice({ portfolio }: { portfolio: Portfolio }) {
  if (!portfolio.valuation.available) {
    return (
      <Notice tone="warning" title="Valuations are unavailable right now">
        We cannot get market prices at the moment, so your holdings are shown without their value. Your
        quantities and cash are up to date.
      </Notice>
    );
  }
  if (portfolio.valuation.stale) {
    return (
      <Notice tone="info" title="Prices may be delayed">
        Valuations use the last known prices
        {portfolio.valuation.asOf ? ` (as of ${formatDateTime(portfolio.valuation.asOf)})` : ''}.
      </Notice>
    );
  }
  return null;
}

function Summary({ portfolio, valuation }: { portfolio: Portfolio; valuation: Valuation }) {
  const currency = portfolioCurrency(portfolio);
  const cash = addDecimals(...portfolio.accounts.map((account) => account.cash.available));
  return (
    <Card title="Summary">
      <StatList
        items={[
          {
            label: 'Holdings value',
            value: valuation.total === null ? 'Not available' : formatMoney(valuation.total, currency),
          },
          { label: 'Cost basis', value: formatMoney(valuation.totalCostBasis, currency) },
          { label: 'Profit/loss', value: <ProfitLoss amount={valuation.totalPnl} currency={currency} /> },
          { label: 'Available cash', value: formatMoney(cash, currency) },
          { label: 'Open orders', value: String(portfolio.openOrders.length) },
        ]}
      />
    </Card>
  );
}

function PortfolioContent({ portfolio, valuation }: { portfolio: Portfolio; valuation: Valuation }) {
  const navigate = useNavigate();
  if (portfolio.accounts.length === 0) {
    return (
      <Notice title="You have no accounts yet">Once an account is opened for you, it appears here.</Notice>
    );
  }
  return (
    <>
      <ValuationNotice portfolio={portfolio} />
      <Summary portfolio={portfolio} valuation={valuation} />
      {valuation.total !== null && (
        <div className="sb-portfolio-charts">
          <AllocationCard holdings={valuation.holdings} currency={portfolioCurrency(portfolio)} />
          <ValueOverTime holdings={valuation.holdings} currency={portfolioCurrency(portfolio)} />
        </div>
      )}
      {portfolio.accounts.map((account) => {
        const holdings = valuation.holdings.filter((holding) => holding.accountId === account.id);
        return (
          <Card key={account.id} title={account.name}>
            <StatList
              items={[
                { label: 'Available cash', value: formatMoney(account.cash.available, account.currency) },
                { label: 'Reserved for orders', value: formatMoney(account.cash.reserved, account.currency) },
              ]}
            />
            <h3 className="sb-section-heading">Holdings</h3>
            <HoldingsTable accountName={account.name} holdings={holdings} />
          </Card>
        );
      })}
      {portfolio.holdings.length === 0 && (
        <Notice
          title="You do not own any investments yet"
          action={
            <Button variant="secondary" onClick={() => navigate('/trade')}>
              Go to trade
            </Button>
          }
        />
      )}
    </>
  );
}

/** /portfolio: accounts, cash and holdings valued at live prices. */
export function PortfolioPage() {
  const api = useApi();
  const live = useLiveQueryOptions();
  const portfolio = useQuery({ ...portfolioQuery(api), ...live });
  const assets = useAssets();
  const valuation = useValuedHoldings(portfolio.data, assets.byId);

  return (
    <>
      <PageHeading
        title="Portfolio"
        description="Your accounts, cash and investments."
        actions={<ConnectionBadge />}
      />
      {portfolio.isPending ? (
        <Loading label="Loading your portfolio…" />
      ) : portfolio.isError ? (
        isForbidden(portfolio.error) ? (
          <Notice tone="warning" title="Only customers have a portfolio">
            Sign in with a customer login to see accounts and holdings.
          </Notice>
        ) : (
          <ErrorNotice
            title="We could not load your portfolio."
            error={portfolio.error}
            onRetry={() => void portfolio.refetch()}
          />
        )
      ) : (
        valuation && <PortfolioContent portfolio={portfolio.data} valuation={valuation} />
      )}
    </>
  );
}
