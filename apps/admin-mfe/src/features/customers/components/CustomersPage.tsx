import { useApi, useNavigate } from '@simplebank/platform';
import {
  Button,
  ErrorNotice,
  formatMoney,
  Loading,
  PageHeading,
  Table,
  TextField,
  type Column,
} from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { Pager } from '../../../shared/components/Pager.tsx';
import { useSearchFilters } from '../../../shared/hooks/useSearchFilters.ts';
import {
  CUSTOMER_FILTER_KEYS,
  CUSTOMER_SEARCH_DEBOUNCE_MS,
  customersQuery,
  type CustomerOverview,
} from '../api/customers.ts';

const TITLE = 'Customers';

function Accounts({ row }: { row: CustomerOverview }) {
  if (row.accounts.length === 0) return <span className="sb-muted">No account</span>;
  return (
    <ul className="sb-plain-list">
      {row.accounts.map((account) => (
        <li key={account.id}>
          {account.name}: {formatMoney(account.cash.available, account.currency)} available,{' '}
          {formatMoney(account.cash.reserved, account.currency)} reserved
        </li>
      ))}
    </ul>
  );
}

function Customers() {
  const api = useApi();
  const navigate = useNavigate();
  // The search and the page live in the URL; the box's text reaches it once typing pauses.
  const [filters, setFilters] = useSearchFilters(CUSTOMER_FILTER_KEYS);
  const search = filters.search ?? '';
  const page = Math.max(1, Number(filters.page) || 1);
  const [text, setText] = useState(search);
  // When the URL's search changes from elsewhere (back button, a link), the box follows it.
  const [shown, setShown] = useState(search);
  if (shown !== search) {
    setShown(search);
    setText(search);
  }
  useEffect(() => {
    if (text.trim() === search) return;
    const timer = setTimeout(
      () => setFilters({ search: text.trim() || undefined }),
      CUSTOMER_SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [text, search, setFilters]);
  const customers = useQuery(customersQuery(api, page, search));

  const columns: Column<CustomerOverview>[] = [
    { key: 'name', header: 'Customer', cell: (c) => c.customer.displayName, rowHeader: true },
    { key: 'id', header: 'Customer id', cell: (c) => <code>{c.customer.id}</code> },
    { key: 'accounts', header: 'Accounts and cash', cell: (c) => <Accounts row={c} /> },
    { key: 'open', header: 'Open orders', cell: (c) => c.openOrders.length, align: 'end' },
    {
      key: 'actions',
      header: 'Actions',
      cell: (c) => (
        <Button
          variant="secondary"
          aria-label={`Orders of ${c.customer.displayName}`}
          onClick={() => navigate(`/admin/orders?customerId=${encodeURIComponent(c.customer.id)}`)}
        >
          Orders
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading title={TITLE} description="Every customer with their accounts, cash and open orders." />
      <TextField
        label="Search customers"
        hint="By name or customer id."
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {customers.isPending ? (
        <Loading label="Loading customers…" />
      ) : customers.isError ? (
        <ErrorNotice
          title="We could not load the customers."
          error={customers.error}
          onRetry={() => void customers.refetch()}
        />
      ) : (
        <>
          <Table
            caption="Customers"
            hideCaption
            columns={columns}
            rows={customers.data.items}
            rowKey={(c) => c.customer.id}
            empty={search ? 'No customer matches the search.' : 'No customers yet.'}
          />
          <Pager
            label="customers"
            page={customers.data.page}
            size={customers.data.size}
            total={customers.data.total}
            onPage={(next) => setFilters({ ...filters, page: String(next) })}
          />
        </>
      )}
    </>
  );
}

/** /admin/customers: customers with their accounts, cash and open-order counts. */
export function CustomersPage() {
  return (
    <AdminOnly title={TITLE}>
      <Customers />
    </AdminOnly>
  );
}
