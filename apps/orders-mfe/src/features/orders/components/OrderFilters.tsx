import { ORDER_STATUSES } from '@simplebank/openapi';
import { Button, Select, statusLabel, TextField } from '@simplebank/ui';
import type { Asset } from '../../../shared/api/assets.ts';
import type { OrderStatus } from '../api/orders.ts';
import { dateRangeError, type OrderFilterValues } from '../hooks/useOrderFilters.ts';

const STATUSES = ORDER_STATUSES;

/** /orders' filters in one row; each change applies at once (the URL keeps them). */
export function OrderFilters({
  value,
  onChange,
  accounts,
  assets,
}: {
  value: OrderFilterValues;
  onChange: (next: OrderFilterValues) => void;
  accounts: { id: string; name: string }[];
  assets: Asset[];
}) {
  // Every change goes back to page 1: the current page may not exist in the new selection.
  const set = (patch: Partial<OrderFilterValues>) => onChange({ ...value, ...patch, page: 1 });
  const rangeError = dateRangeError(value);
  return (
    <form className="sb-filters" aria-label="Filter orders" onSubmit={(event) => event.preventDefault()}>
      <Select
        label="Status"
        value={value.status ?? ''}
        onChange={(event) => set({ status: (event.target.value || undefined) as OrderStatus | undefined })}
        options={[
          { value: '', label: 'All statuses' },
          ...STATUSES.map((status) => ({ value: status, label: statusLabel(status) })),
        ]}
      />
      {accounts.length > 1 && (
        <Select
          label="Account"
          value={value.accountId ?? ''}
          onChange={(event) => set({ accountId: event.target.value || undefined })}
          options={[
            { value: '', label: 'All accounts' },
            ...accounts.map((account) => ({ value: account.id, label: account.name })),
          ]}
        />
      )}
      <Select
        label="Asset"
        value={value.assetId ?? ''}
        onChange={(event) => set({ assetId: event.target.value || undefined })}
        options={[
          { value: '', label: 'All assets' },
          ...assets.map((asset) => ({ value: asset.id, label: `${asset.symbol} · ${asset.name}` })),
        ]}
      />
      <TextField
        label="Placed from"
        type="date"
        value={value.fromDay ?? ''}
        onChange={(event) => set({ fromDay: event.target.value || undefined })}
      />
      <TextField
        label="Placed until"
        type="date"
        value={value.untilDay ?? ''}
        min={value.fromDay}
        error={rangeError}
        onChange={(event) => set({ untilDay: event.target.value || undefined })}
      />
      <Button variant="secondary" onClick={() => onChange({})}>
        Clear filters
      </Button>
    </form>
  );
}
