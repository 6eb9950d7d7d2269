/**
 * The data behind a chart as a table (WCAG 1.1.1: a text alternative for every chart), folded in a
 * details element under the chart and rendered only when opened. Charts pass their own table (binned
 * counts, centres, monthly totals); otherwise one is read from the traces (x, y, z per point).
 */
import { useState, type ReactNode } from 'react';
import type { Data } from 'plotly.js-dist-min';

export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** A sentence under the table (e.g. "a sample of 2,000 of 4,316 customers"). */
  readonly note?: string;
}

/** Rows shown at most; the rest are counted in a note. */
export const TABLE_ROW_LIMIT = 500;

type Trace = {
  name?: string;
  type?: string;
  x?: ArrayLike<unknown>;
  y?: ArrayLike<unknown>;
  z?: ArrayLike<unknown>;
  dimensions?: { label?: string; values?: ArrayLike<unknown> }[];
};

const cellText = (v: unknown): string | number =>
  typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v as string);

/** A table read from the traces: one row per point (trace name, x, y and z where present). */
export function tableFromTraces(data: readonly Data[]): ChartTable {
  const traces = data as readonly Trace[];
  const splom = traces.find((t) => t.dimensions && t.dimensions.length > 0);
  if (splom?.dimensions) {
    const dims = splom.dimensions;
    const n = dims[0]?.values?.length ?? 0;
    return {
      columns: dims.map((d, i) => d.label ?? `dimension ${i + 1}`),
      rows: Array.from({ length: n }, (_, r) => dims.map((d) => cellText(d.values?.[r]))),
    };
  }
  const hasZ = traces.some((t) => t.z && t.z.length > 0);
  const named = traces.length > 1;
  const columns = [...(named ? ['series'] : []), 'x', 'y', ...(hasZ ? ['z'] : [])];
  const rows: (string | number)[][] = [];
  traces.forEach((t, i) => {
    const n = Math.max(t.x?.length ?? 0, t.y?.length ?? 0);
    for (let r = 0; r < n; r++) {
      rows.push([
        ...(named ? [t.name ?? `series ${i + 1}`] : []),
        cellText(t.x?.[r]),
        cellText(t.y?.[r]),
        ...(hasZ ? [cellText(t.z?.[r])] : []),
      ]);
    }
  });
  return { columns, rows };
}

const fmt = (v: string | number): string =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? v.toLocaleString('en-US')
      : Number(v.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 })
    : v;

/**
 * A folded "Data as a table" under a chart; the table is built when first opened. `content` (a table
 * made by the caller, e.g. with row headers and formatted cells) replaces the generated one.
 */
export function ChartData({
  label,
  table,
  content,
}: {
  label: string;
  table: () => ChartTable;
  content?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const t = open && content === undefined ? table() : null;
  return (
    <details className="plot__data" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Data as a table<span className="visually-hidden">: {label}</span>
      </summary>
      {open && content !== undefined ? (
        <div className="table-wrap plot__table" tabIndex={0} role="region" aria-label={`Data: ${label}`}>
          {content}
        </div>
      ) : null}
      {t ? (
        <div className="table-wrap plot__table" tabIndex={0} role="region" aria-label={`Data: ${label}`}>
          <table className="model-table">
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.slice(0, TABLE_ROW_LIMIT).map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                      {fmt(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {t.rows.length > TABLE_ROW_LIMIT || t.note !== undefined ? (
            <p className="muted small">
              {t.rows.length > TABLE_ROW_LIMIT
                ? `The first ${TABLE_ROW_LIMIT.toLocaleString('en-US')} of ${t.rows.length.toLocaleString('en-US')} rows. `
                : ''}
              {t.note ?? ''}
            </p>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}
