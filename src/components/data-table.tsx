import type { HTMLAttributes, Key, ReactNode } from 'react';

/** One column of a {@link DataTable}: its header and how to render a row's cell. */
export interface DataColumn<R> {
  readonly header: ReactNode;
  readonly cell: (row: R, index: number) => ReactNode;
  /** Numbers: header and cells right-aligned (class `num`). */
  readonly numeric?: boolean;
  /** The cell names its row: rendered as `<th scope="row">`. */
  readonly rowHeader?: boolean;
  /** Attributes of a body cell (`className` is added to `num`; `data-testid`, `data-*`). */
  readonly cellProps?: (row: R, index: number) => DataProps<HTMLTableCellElement> | undefined;
  /** Class names of the header cell (besides `num`). */
  readonly headerClass?: string;
  /** React key of the column; defaults to its position. */
  readonly key?: Key;
}

/** HTML attributes plus `data-*` ones. */
export type DataProps<E> = HTMLAttributes<E> & { readonly [data: `data-${string}`]: unknown };

export interface DataTableProps<R> {
  /**
   * Names the table for screen readers; shown above it only with `showCaption` (most tables sit under a
   * heading or in a figure that already names them).
   */
  readonly caption: ReactNode;
  readonly showCaption?: boolean;
  readonly columns: readonly DataColumn<R>[];
  readonly rows: readonly R[];
  readonly rowKey?: (row: R, index: number) => Key;
  readonly rowProps?: (row: R, index: number) => DataProps<HTMLTableRowElement> | undefined;
  /** Class of the `<table>` (default `model-table`). */
  readonly className?: string;
  readonly testId?: string;
  /** Accessible name when it must differ from the caption's text. */
  readonly ariaLabel?: string;
  /** Wrap in a horizontally scrolling `div.table-wrap` (default true). */
  readonly wrap?: boolean;
  /** Rows after the body (e.g. totals), rendered as given. */
  readonly foot?: ReactNode;
}

function cellClass(numeric: boolean | undefined, extra: string | undefined): string | undefined {
  const names = [numeric ? 'num' : '', extra ?? ''].filter((s) => s !== '').join(' ');
  return names === '' ? undefined : names;
}

/**
 * The app's table: a caption, one header row of `scope="col"` cells, body rows whose row-naming cell is a
 * `scope="row"` header and whose numbers are right-aligned.
 */
export function DataTable<R>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey = (_, i) => i,
  rowProps,
  className = 'model-table',
  testId,
  ariaLabel,
  wrap = true,
  foot,
}: DataTableProps<R>) {
  const table = (
    <table className={className} data-testid={testId} aria-label={ariaLabel}>
      <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, j) => (
            <th key={c.key ?? j} scope="col" className={cellClass(c.numeric, c.headerClass)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={rowKey(r, i)} {...rowProps?.(r, i)}>
            {columns.map((c, j) => {
              const key = c.key ?? j;
              const extra = c.cellProps?.(r, i);
              const props = { ...extra, className: cellClass(c.numeric, extra?.className) };
              return c.rowHeader ? (
                <th key={key} scope="row" {...props}>
                  {c.cell(r, i)}
                </th>
              ) : (
                <td key={key} {...props}>
                  {c.cell(r, i)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {foot === undefined ? null : <tfoot>{foot}</tfoot>}
    </table>
  );
  return wrap ? <div className="table-wrap">{table}</div> : table;
}
