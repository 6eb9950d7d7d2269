import type { ReactNode } from 'react';

/** A small scrollable table of the first rows of a file (header row + text cells). */
export function PreviewTable({
  caption,
  headers,
  rows,
  headerNotes,
  firstRowNumber = 2,
  testId,
}: {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Optional note under each header (e.g. the role a column plays). */
  readonly headerNotes?: readonly ReactNode[];
  /** Spreadsheet row number of the first data row (the header is row 1). */
  readonly firstRowNumber?: number;
  readonly testId?: string;
}) {
  return (
    <div
      className="preview"
      tabIndex={0}
      role="region"
      aria-label={caption}
      {...(testId !== undefined ? { 'data-testid': testId } : {})}
    >
      <table className="preview__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="preview__rownum">
              Row
            </th>
            {headers.map((h, i) => (
              <th scope="col" key={i}>
                <span className="preview__name">{h === '' ? `(column ${i + 1})` : h}</span>
                {headerNotes?.[i] ? <span className="preview__note">{headerNotes[i]}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, j) => (
            <tr key={j}>
              <th scope="row" className="preview__rownum">
                {firstRowNumber + j}
              </th>
              {headers.map((_, i) => {
                const v = r[i] ?? '';
                return (
                  <td key={i} className={v === '' ? 'preview__empty' : undefined}>
                    {v === '' ? '∅' : v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
