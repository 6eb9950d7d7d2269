import { useId, useState } from 'react';
import { Message } from '../../components/message';
import {
  DIALECT_LABELS,
  EXECUTED_DIALECTS,
  SQL_DIALECTS,
  SqlGenerationError,
  generateSql,
  type SqlDialect,
} from '../../core/sql';
import { exportFileName } from '../../core/segments/naming';
import { downloadBlob, textBlob } from '../../components/download';

/** What to tell the user when a model cannot be written as SQL (codes of src/core/sql/model.ts). */
function sentence(e: unknown): string {
  if (!(e instanceof SqlGenerationError)) return `The SQL could not be written: ${String(e)}`;
  switch (e.code) {
    case 'sql-no-input':
      return 'This model does not record how the file was read (header names, date and number formats). Confirm the columns again in the Columns step, then come back here.';
    case 'sql-rfm-table':
      return 'This model was made from a table that already had recency, frequency and monetary per customer; the warehouse SQL starts from transactions. Load the transactions file instead.';
    case 'sql-excel-dates':
      return 'The dates of this file are Excel day numbers, which the SQL does not read. Save the file with written dates (for example YYYY-MM-DD) and load it again.';
    case 'sql-outliers':
      return 'The "extreme lines" cleaning rule is on; the SQL does not reproduce it. Turn that rule off in the Cleaning step to get SQL for this model.';
    default:
      return `The SQL could not be written (${e.code}).`;
  }
}

const TABLE_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The Export cell's "SQL for your warehouse": a dialect, a table name, download or copy. */
export function WarehouseSql(props: {
  readonly disabled: boolean;
  readonly datasetName: string | null;
  readonly k: number;
  readonly model: () => unknown;
}) {
  const id = useId();
  const [dialect, setDialect] = useState<SqlDialect>('duckdb');
  const [table, setTable] = useState('transactions');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const verified = EXECUTED_DIALECTS.includes(dialect);
  const tableOk = TABLE_RE.test(table.trim());

  const script = (): string | null => {
    setError(null);
    setStatus(null);
    try {
      return generateSql(props.model(), { dialect, table: table.trim() });
    } catch (e) {
      setError(sentence(e));
      return null;
    }
  };
  /** A button that uses the script, if it can be written (else the error is shown). */
  const scriptButton = (withText: (text: string) => void) =>
    ({
      type: 'button',
      className: 'button button--secondary',
      disabled: props.disabled || !tableOk,
      onClick: () => {
        const text = script();
        if (text !== null) withText(text);
      },
    }) as const;
  const fileName = exportFileName(props.datasetName, props.k, new Date(), `${dialect}.sql`);

  return (
    <section aria-labelledby={`${id}-title`} className="warehouse-sql">
      <h3 className="subhead" id={`${id}-title`}>
        SQL for your warehouse
      </h3>
      <p className="muted small">
        The cleaning rules, RFM and this model's scoring (saved λ, means, scales and centres, nearest centre)
        as one SQL script. It reads a table whose columns carry the file's header names, every column stored
        as text, and returns customer_id, recency, frequency, monetary, cluster_id and segment_name for each
        customer.
      </p>
      <p className="export-sql__controls">
        <label htmlFor={`${id}-dialect`}>Dialect </label>
        <select
          id={`${id}-dialect`}
          value={dialect}
          data-testid="sql-dialect"
          onChange={(e) => setDialect(e.target.value as SqlDialect)}
        >
          {SQL_DIALECTS.map((d) => (
            <option key={d} value={d}>
              {DIALECT_LABELS[d]}
              {EXECUTED_DIALECTS.includes(d) ? ' (verified)' : ' (syntax-checked)'}
            </option>
          ))}
        </select>{' '}
        <label htmlFor={`${id}-table`}>Table </label>
        <input
          id={`${id}-table`}
          type="text"
          value={table}
          data-testid="sql-table"
          aria-invalid={!tableOk}
          aria-describedby={`${id}-verification`}
          onChange={(e) => setTable(e.target.value)}
        />
      </p>
      <p id={`${id}-verification`} className="small" data-testid="sql-verification">
        {verified
          ? `Verified: the ${DIALECT_LABELS[dialect]} script is run on the real engine in this project's tests and returns the browser's RFM and segments for every customer of the sample files.`
          : `Syntax-checked only: the ${DIALECT_LABELS[dialect]} script is parsed with a SQL parser in the tests, not executed. Compare a few customers with this notebook before relying on it.`}
        {tableOk ? '' : ' The table name should be letters, digits and underscores (schema.table allowed).'}
      </p>
      <p>
        <button
          data-testid="export-sql-download"
          {...scriptButton((text) => {
            downloadBlob(textBlob(text, 'application/sql'), fileName);
            setStatus(`Saved ${fileName}.`);
          })}
        >
          Download SQL
        </button>{' '}
        <button
          data-testid="sql-copy"
          {...scriptButton((text) => {
            navigator.clipboard.writeText(text).then(
              () => setStatus('The SQL is on the clipboard.'),
              () => setError('The browser did not allow copying; use Download SQL instead.'),
            );
          })}
        >
          Copy SQL
        </button>
      </p>
      {status ? (
        <p className="muted small" role="status">
          {status}
        </p>
      ) : null}
      {error ? (
        <Message kind="error" title="No SQL for this model">
          {error}
        </Message>
      ) : null}
    </section>
  );
}
