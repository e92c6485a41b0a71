import { Fragment, type Key, type ReactNode } from 'react';

export interface Column<Row> {
  /** Stable key of the column. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** 'end' right-aligns figures so digits line up. */
  align?: 'start' | 'end';
  /** The cell that names the row (a symbol, an order id): rendered as a row header. */
  rowHeader?: boolean;
}

export interface TableProps<Row> {
  /** The table's accessible name. Visible unless `hideCaption`. */
  caption: string;
  hideCaption?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  /** Shown in the body when there are no rows, so an empty table still explains itself. */
  empty?: ReactNode;
  /** Details shown in a full-width row under a row (an order's timeline); null for none. */
  details?: (row: Row) => ReactNode;
}

export function Table<Row>({
  caption,
  hideCaption,
  columns,
  rows,
  rowKey,
  empty = 'Nothing to show.',
  details,
}: TableProps<Row>) {
  return (
    // The wrap scrolls sideways on a narrow screen: focusable, so keyboard users can scroll it too.
    <div className="sb-table-wrap" role="group" aria-label={caption} tabIndex={0}>
      <table className="sb-table">
        <caption className={hideCaption ? 'sb-visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.align === 'end' ? 'sb-align-end' : undefined}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="sb-table__empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => {
              const extra = details?.(row);
              return (
                <Fragment key={rowKey(row)}>
                  <tr>
                    {columns.map((column) => {
                      const className = column.align === 'end' ? 'sb-align-end' : undefined;
                      return column.rowHeader ? (
                        <th key={column.key} scope="row" className={className}>
                          {column.cell(row)}
                        </th>
                      ) : (
                        <td key={column.key} className={className}>
                          {column.cell(row)}
                        </td>
                      );
                    })}
                  </tr>
                  {extra != null && (
                    <tr className="sb-table__details">
                      <td colSpan={columns.length}>{extra}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
