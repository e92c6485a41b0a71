import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './Button.tsx';
import { Select, TextField } from './Field.tsx';
import { Card, PageHeading, StatList } from './Layout.tsx';
import { ErrorNotice, Notice, describeError } from './Notice.tsx';
import { Loading } from './Spinner.tsx';
import { StatusBadge, statusLabel, statusTone } from './StatusBadge.tsx';
import { Table } from './Table.tsx';

describe('Button', () => {
  it('does not submit a form unless asked, and blocks clicks while busy', () => {
    const onSubmit = vi.fn((event: Event) => event.preventDefault());
    const onClick = vi.fn();
    render(
      <form onSubmit={(event) => onSubmit(event.nativeEvent)}>
        <Button onClick={onClick}>Refresh</Button>
        <Button type="submit" busy>
          Place order
        </Button>
      </form>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(onClick).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
    const busy = screen.getByRole('button', { name: 'Place order' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
  });
});

describe('TextField and Select', () => {
  it('labels the field and reads its hint and error with it', () => {
    render(
      <TextField
        label="Quantity"
        hint="Whole shares or decimals"
        error="Enter more than 0"
        defaultValue="0"
      />,
    );
    const input = screen.getByLabelText('Quantity');
    expect(input).toBeInvalid();
    expect(input).toHaveAccessibleDescription('Whole shares or decimals Enter more than 0');
    expect(input).toHaveAccessibleErrorMessage('Enter more than 0');
  });

  it('is valid without an error', () => {
    render(<TextField label="Name" />);
    expect(screen.getByRole('textbox', { name: 'Name' })).toBeValid();
  });

  it('offers a placeholder choice and the options', () => {
    const onChange = vi.fn();
    render(
      <Select
        label="Account"
        placeholder="Choose an account"
        value=""
        onChange={(event) => onChange(event.target.value)}
        options={[
          { value: 'a1', label: 'Everyday' },
          { value: 'a2', label: 'Savings' },
        ]}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Account' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose an account', 'Everyday', 'Savings']);
    fireEvent.change(select, { target: { value: 'a2' } });
    expect(onChange).toHaveBeenCalledWith('a2');
  });
});

describe('Table', () => {
  const columns = [
    {
      key: 'symbol',
      header: 'Symbol',
      cell: (row: { symbol: string; qty: string }) => row.symbol,
      rowHeader: true,
    },
    {
      key: 'qty',
      header: 'Quantity',
      cell: (row: { symbol: string; qty: string }) => row.qty,
      align: 'end' as const,
    },
  ];

  it('is named by its caption and has row headers', () => {
    render(
      <Table
        caption="Holdings"
        columns={columns}
        rows={[{ symbol: 'ABC', qty: '5' }]}
        rowKey={(row) => row.symbol}
      />,
    );
    const table = screen.getByRole('table', { name: 'Holdings' });
    expect(within(table).getByRole('columnheader', { name: 'Quantity' })).toBeInTheDocument();
    expect(within(table).getByRole('rowheader', { name: 'ABC' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: '5' })).toHaveClass('sb-align-end');
  });

  it('explains an empty table', () => {
    render(
      <Table
        caption="Holdings"
        hideCaption
        columns={columns}
        rows={[]}
        rowKey={(row) => row.symbol}
        empty="No holdings yet."
      />,
    );
    expect(screen.getByRole('table', { name: 'Holdings' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'No holdings yet.' })).toBeInTheDocument();
  });

  it('shows details under a row across all columns', () => {
    render(
      <Table
        caption="Holdings"
        columns={columns}
        rows={[
          { symbol: 'ABC', qty: '5' },
          { symbol: 'XYZ', qty: '1' },
        ]}
        rowKey={(row) => row.symbol}
        details={(row) => (row.symbol === 'ABC' ? 'Bought twice' : null)}
      />,
    );
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(4); // header, ABC, its details, XYZ
    expect(within(rows[2]!).getByRole('cell', { name: 'Bought twice' })).toHaveAttribute('colspan', '2');
  });
});

describe('StatusBadge', () => {
  it('says the status in words and picks its tone', () => {
    render(<StatusBadge status="partially_completed" />);
    expect(screen.getByText('Partially completed')).toHaveClass('sb-tone--warning');
    expect(statusTone('REJECTED')).toBe('danger');
    expect(statusTone('completed')).toBe('success');
    expect(statusTone('something-new')).toBe('neutral');
    expect(statusLabel('cancelling')).toBe('Cancelling');
  });
});

describe('Notice, ErrorNotice and Loading', () => {
  it('announces errors as alerts and other notices politely', () => {
    render(
      <>
        <Notice tone="warning" title="Prices unavailable">
          Holdings are shown without valuations.
        </Notice>
        <Loading label="Loading orders…" />
      </>,
    );
    expect(screen.getAllByRole('status').map((el) => el.textContent)).toEqual([
      'Prices unavailableHoldings are shown without valuations.',
      'Loading orders…',
    ]);
  });

  it('shows what failed and retries', () => {
    const onRetry = vi.fn();
    render(
      <ErrorNotice
        title="We could not load your orders."
        error={new Error('Service unavailable')}
        onRetry={onRetry}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('We could not load your orders.');
    expect(alert).toHaveTextContent('Service unavailable');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('shows the reference support can look up when the failed call had a request id', () => {
    const failed = Object.assign(new Error('The market is closed'), {
      requestId: '3f2a9c1b-5d4e-4f60-8a71-0b2c3d4e5f60',
    });
    const { unmount } = render(<ErrorNotice title="Your order was not placed." error={failed} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Reference: 3f2a9c1b');
    expect(within(alert).getByTitle('3f2a9c1b-5d4e-4f60-8a71-0b2c3d4e5f60')).toHaveTextContent('3f2a9c1b');
    unmount();
    // Without an id (a network failure, a thrown bug) there is nothing to quote, and no empty line.
    render(<ErrorNotice title="Your order was not placed." error={new Error('offline')} />);
    expect(screen.getByRole('alert')).not.toHaveTextContent('Reference');
  });

  it('finds a reason in problem bodies', () => {
    expect(describeError({ title: 'Bad Request', detail: 'quantity must be positive' })).toBe(
      'quantity must be positive',
    );
    expect(describeError({ message: 'Forbidden' })).toBe('Forbidden');
    expect(describeError({})).toBeUndefined();
    expect(describeError(null)).toBeUndefined();
  });
});

describe('PageHeading, Card and StatList', () => {
  it('gives the page one h1 and names sections by their heading', () => {
    render(
      <>
        <PageHeading title="Portfolio" description="Your accounts and holdings" />
        <Card title="Everyday account">
          <StatList items={[{ label: 'Available cash', value: '$1,000.00' }]} />
        </Card>
      </>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeInTheDocument();
    const region = screen.getByRole('region', { name: 'Everyday account' });
    expect(within(region).getByRole('definition')).toHaveTextContent('$1,000.00');
    expect(within(region).getByRole('term')).toHaveTextContent('Available cash');
  });
});
