import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** One column of a VirtualTable: values are read by row index, so typed arrays need no copying. */
export interface TableColumn {
  readonly id: string;
  readonly label: string;
  readonly numeric?: boolean;
  readonly value: (row: number) => number | string;
  readonly format?: (value: number | string) => string;
  /** CSS grid track, e.g. '1fr' or '8rem' (default '1fr'). */
  readonly width?: string;
}

export type SortDirection = 'ascending' | 'descending';

export interface VirtualTableProps {
  /** Accessible name of the table. */
  readonly label: string;
  readonly columns: readonly TableColumn[];
  readonly rowCount: number;
  /** Id of the column the search box filters on (substring, case-insensitive); no box when absent. */
  readonly searchColumn?: string;
  readonly searchLabel?: string;
  readonly initialSort?: { readonly column: string; readonly direction: SortDirection };
  /** Height of the scrolling body in px. */
  readonly height?: number;
  readonly testId?: string;
}

const ROW_HEIGHT = 32;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * A virtualised table (only the visible rows are in the DOM) that sorts by any column (click the
 * header; numbers numerically, NaN last; text with a numeric-aware collation) and filters rows by
 * a search on one column. Sorting is stable: ties keep the data's order.
 */
export function VirtualTable({
  label,
  columns,
  rowCount,
  searchColumn,
  searchLabel,
  initialSort,
  height = 420,
  testId,
}: VirtualTableProps) {
  const [sort, setSort] = useState<{ column: string; direction: SortDirection } | null>(
    initialSort ? { ...initialSort } : null,
  );
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const searchId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

  const order = useMemo(() => {
    let idx: number[] = Array.from({ length: rowCount }, (_, i) => i);
    const q = deferredQuery.trim().toLowerCase();
    const searchCol = columns.find((c) => c.id === searchColumn);
    if (q !== '' && searchCol) idx = idx.filter((i) => String(searchCol.value(i)).toLowerCase().includes(q));
    const sortCol = sort ? columns.find((c) => c.id === sort.column) : undefined;
    if (sort && sortCol) {
      const sign = sort.direction === 'ascending' ? 1 : -1;
      const keys = idx.map((i) => sortCol.value(i));
      const pos = idx.map((_, j) => j);
      pos.sort((a, b) => {
        const x = keys[a]!;
        const y = keys[b]!;
        let c: number;
        if (typeof x === 'number' && typeof y === 'number') {
          const xn = Number.isNaN(x);
          const yn = Number.isNaN(y);
          if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1;
          c = x - y;
        } else c = collator.compare(String(x), String(y));
        return c !== 0 ? sign * c : a - b;
      });
      idx = pos.map((j) => idx[j]!);
    }
    return idx;
  }, [rowCount, columns, sort, deferredQuery, searchColumn]);

  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const template = columns.map((c) => c.width ?? '1fr').join(' ');
  const onSort = (id: string) =>
    setSort((s) =>
      s && s.column === id
        ? { column: id, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column: id, direction: columns.find((c) => c.id === id)?.numeric ? 'descending' : 'ascending' },
    );

  return (
    <div className="vtable" {...(testId !== undefined ? { 'data-testid': testId } : {})}>
      {searchColumn !== undefined ? (
        <div className="vtable__tools">
          <label htmlFor={searchId}>{searchLabel ?? 'Search'}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <span className="vtable__count" role="status" aria-live="polite">
            {order.length === rowCount
              ? `${rowCount.toLocaleString('en-US')} rows`
              : `${order.length.toLocaleString('en-US')} of ${rowCount.toLocaleString('en-US')} rows`}
          </span>
        </div>
      ) : null}
      <div role="table" aria-label={label} aria-rowcount={order.length + 1} className="vtable__table">
        <div role="rowgroup">
          <div
            role="row"
            aria-rowindex={1}
            className="vtable__row vtable__row--head"
            style={{ gridTemplateColumns: template }}
          >
            {columns.map((c) => {
              const dir = sort?.column === c.id ? sort.direction : undefined;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  aria-sort={dir ?? 'none'}
                  className={`vtable__cell${c.numeric ? ' vtable__cell--num' : ''}`}
                >
                  <button type="button" className="vtable__sort" onClick={() => onSort(c.id)}>
                    {c.label}
                    <span
                      aria-hidden="true"
                      className={`vtable__arrow${dir === undefined ? ' vtable__arrow--none' : ''}`}
                    >
                      {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div
          ref={scrollRef}
          role="rowgroup"
          className="vtable__body"
          style={{ height: Math.min(height, Math.max(ROW_HEIGHT * 2, order.length * ROW_HEIGHT + 2)) }}
          tabIndex={0}
          aria-label={`${label}, rows`}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const i = order[v.index]!;
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  className={`vtable__row${v.index % 2 ? ' vtable__row--odd' : ''}`}
                  style={{
                    gridTemplateColumns: template,
                    transform: `translateY(${v.start}px)`,
                    height: ROW_HEIGHT,
                  }}
                >
                  {columns.map((c) => {
                    const val = c.value(i);
                    return (
                      <div
                        key={c.id}
                        role="cell"
                        data-col={c.id}
                        className={`vtable__cell${c.numeric ? ' vtable__cell--num' : ''}`}
                      >
                        {c.format ? c.format(val) : String(val)}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
          {order.length === 0 ? <p className="vtable__empty">No rows match.</p> : null}
        </div>
      </div>
    </div>
  );
}
