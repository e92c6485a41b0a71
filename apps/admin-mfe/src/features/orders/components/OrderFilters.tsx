import { useApi } from '@simplebank/platform';
import { Button, Select, statusLabel, TextField } from '@simplebank/ui';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  assetsQuery,
  customerOptionsQuery,
  fromDayToParam,
  fromParamToDay,
  ORDER_STATUSES,
  untilDayToParam,
  untilParamToDay,
  type OrderFilters as Filters,
} from '../api/orders.ts';

/** Status, asset, customer and date filters; applied on submit so each change is one request. */
export function OrderFilters({ value, onApply }: { value: Filters; onApply: (next: Filters) => void }) {
  const api = useApi();
  const assets = useQuery(assetsQuery(api));
  const customers = useQuery(customerOptionsQuery(api));
  const [draft, setDraft] = useState(value);
  // The date inputs hold days in the admin's time zone; the URL and the API hold instants.
  const [fromDay, setFromDay] = useState(fromParamToDay(value.from));
  const [untilDay, setUntilDay] = useState(untilParamToDay(value.to));

  const rangeError =
    fromDay && untilDay && untilDay < fromDay
      ? 'The "until" day is before the "from" day. Pick an "until" day on or after it.'
      : undefined;
  const [showRangeError, setShowRangeError] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Refused rather than sent: the list would silently come back empty.
    if (rangeError) {
      setShowRangeError(true);
      return;
    }
    setShowRangeError(false);
    onApply({
      status: draft.status,
      assetId: draft.assetId,
      customerId: draft.customerId,
      from: fromDayToParam(fromDay),
      to: untilDayToParam(untilDay),
    });
  };

  return (
    // noValidate: the range is checked here, with a message in words on the field, instead of the
    // browser blocking the submit on the `min` hint without saying why in the page.
    <form className="sb-filters" aria-label="Filter orders" noValidate onSubmit={submit}>
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
      <TextField
        label="Created from"
        hint="From the start of this day."
        type="date"
        value={fromDay}
        onChange={(event) => setFromDay(event.target.value)}
      />
      <TextField
        label="Created until"
        hint="To the end of this day."
        type="date"
        value={untilDay}
        min={fromDay || undefined}
        error={showRangeError ? rangeError : undefined}
        onChange={(event) => setUntilDay(event.target.value)}
      />
      <Button type="submit">Apply filters</Button>
      <Button
        variant="secondary"
        onClick={() => {
          setDraft({});
          setFromDay('');
          setUntilDay('');
          onApply({});
        }}
      >
        Clear filters
      </Button>
    </form>
  );
}
