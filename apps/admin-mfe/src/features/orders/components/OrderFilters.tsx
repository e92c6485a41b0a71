import { useApi } from '@simplebank/platform';
import { Button, Select, statusLabel } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  assetsQuery,
  customerOptionsQuery,
  ORDER_STATUSES,
  type OrderFilters as Filters,
} from '../api/orders.ts';

/** Status, asset and customer filters; applied on submit so each change is one request. */
export function OrderFilters({ value, onApply }: { value: Filters; onApply: (next: Filters) => void }) {
  const api = useApi();
  const assets = useQuery(assetsQuery(api));
  const customers = useQuery(customerOptionsQuery(api));
  const [draft, setDraft] = useState(value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ status: draft.status, assetId: draft.assetId, customerId: draft.customerId });
  };

  return (
    <form className="sb-filters" aria-label="Filter orders" onSubmit={submit}>
      <Select
        label="Status"
        placeholder="Any status"
        value={draft.status ?? ''}
        onChange={(event) => setDraft({ ...draft, status: event.target.value })}
        options={ORDER_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))}
      />
      <Select
        label="Asset"
        placeholder="Any asset"
        value={draft.assetId ?? ''}
        onChange={(event) => setDraft({ ...draft, assetId: event.target.value })}
        options={(assets.data ?? []).map((asset) => ({
          value: asset.id,
          label: `${asset.symbol} · ${asset.name}`,
        }))}
      />
      <Select
        label="Customer"
        placeholder="Any customer"
        value={draft.customerId ?? ''}
        onChange={(event) => setDraft({ ...draft, customerId: event.target.value })}
        options={(customers.data ?? []).map((customer) => ({
          value: customer.id,
          label: customer.displayName,
        }))}
      />
      <Button type="submit">Apply filters</Button>
      <Button
        variant="secondary"
        onClick={() => {
          setDraft({});
          onApply({});
        }}
      >
        Clear filters
      </Button>
    </form>
  );
}
