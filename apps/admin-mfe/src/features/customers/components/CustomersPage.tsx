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
import { useState } from 'react';
import { AdminOnly } from '../../../shared/components/AdminOnly.tsx';
import { Pager } from '../../../shared/components/Pager.tsx';
import { customersQuery, type CustomerOverview } from '../api/customers.ts';

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

/** Matches the search against the customer's name and id, case-insensitively. */
function matches(row: CustomerOverview, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [row.customer.displayName, row.customer.id].some((text) => text.toLowerCase().includes(needle));
}

function Customers() {
  const api = useApi();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const customers = useQuery(customersQuery(api, page));

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
        hint="By name or customer id, on this page."
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
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
            rows={customers.data.items.filter((row) => matches(row, search))}
            rowKey={(c) => c.customer.id}
            empty={search ? 'No customer on this page matches the search.' : 'No customers yet.'}
          />
          <Pager
            label="customers"
            page={customers.data.page}
            size={customers.data.size}
            total={customers.data.total}
            onPage={setPage}
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
