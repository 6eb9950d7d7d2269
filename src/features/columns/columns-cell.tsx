import { useId, useState } from 'react';
import type { DateOrder, Role, TableKind } from '../../core/ingest/types';
import { RadioChoice } from '../../components/radio-choice';
import { Cell } from '../../components/cell';
import { Message } from '../../components/message';
import { PreviewTable } from '../../components/preview-table';
import { formatInt, formatTime } from '../../components/format';
import { hasNoMoney, missingRoles } from '../../core/ingest/roles';
import { ROLE_LABELS, ROLES_BY_KIND, setDateOrder, setKind, setRole } from '../../store/data-actions';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import { MappingChecks } from './mapping-checks';

const ORDER_LABELS: Record<DateOrder, string> = {
  DMY: 'Day / month / year (31/12/2011)',
  MDY: 'Month / day / year (12/31/2011)',
  ISO: 'Year-month-day (2011-12-31)',
  YMD_COMPACT: 'YYYYMMDD (20111231)',
  EXCEL_SERIAL: 'Excel day numbers (40908)',
  MONTH_NAME: 'With month names (11-Feb-17, Feb 11, 2017, 11 février 2017)',
  EPOCH_S: 'Unix time in seconds (1325289600)',
  EPOCH_MS: 'Unix time in milliseconds (1325289600000)',
};
const ALL_ORDERS: readonly DateOrder[] = [
  'DMY',
  'MDY',
  'ISO',
  'MONTH_NAME',
  'YMD_COMPACT',
  'EXCEL_SERIAL',
  'EPOCH_S',
  'EPOCH_MS',
];

const ROLE_HELP: Partial<Record<Role, string>> = {
  customer: 'kept as text (leading zeros stay)',
  invoice: 'frequency counts distinct invoices',
  amount: 'use when there is no quantity × price',
  product: 'for the non-product code rule',
  country: 'for the “Unspecified” rule',
};

/** Which column plays which role, how dates are written, and what could not be read. */
export function ColumnsCell() {
  const loadResult = useNotebook((s) => s.loadResult);
  const kind = useNotebook((s) => s.kind);
  const mapping = useNotebook((s) => s.mapping);
  const dateOrder = useNotebook((s) => s.dateOrder);
  const { status, error } = useStep('mapping');
  const result = useNotebook((s) => s.mappingResult);
  const confirmed = useNotebook((s) => s.confirmedChecks);
  const [view, setView] = useState<'parsed' | 'typed'>('typed');
  const kindName = useId();
  const orderName = useId();

  if (!loadResult) {
    return (
      <Cell step="columns" status="waiting" summary="Load data first.">
        <p className="muted">The columns of your file and the role each plays will appear here.</p>
      </Cell>
    );
  }

  const headers = loadResult.headers;
  const guess = loadResult.guess;
  const missing = missingRoles(kind, mapping);
  const roleOf = new Map<number, Role>();
  for (const r of ROLES_BY_KIND[kind]) {
    const c = mapping[r];
    if (c !== undefined) roleOf.set(c, r);
  }
  const ambiguous = kind === 'transactions' && guess.dateOrder?.ambiguous === true;
  const orders = ambiguous && guess.dateOrder ? guess.dateOrder.candidates : ALL_ORDERS;
  const showTyped = view === 'typed' && result !== null;

  const summary =
    result && status !== 'error' ? (
      <>
        <span data-testid="columns-customers">{formatInt(result.customers)} customer ids</span>
        {result.kind === 'transactions' ? (
          <>
            {mapping.invoice !== undefined ? ` · ${formatInt(result.invoices)} invoices` : ''}
            {' · '}
            {formatTime(result.firstTime)} to {formatTime(result.lastTime)}
          </>
        ) : (
          ' · a ready RFM table'
        )}
      </>
    ) : (
      'Choose the role of each column.'
    );

  return (
    <Cell step="columns" status={status} summary={summary}>
      <fieldset className="choice-row">
        <legend>This file holds</legend>
        {(['transactions', 'rfm'] as const satisfies readonly TableKind[]).map((k) => (
          <RadioChoice key={k} name={kindName} value={k} checked={kind === k} onSelect={() => setKind(k)}>
            {k === 'transactions'
              ? 'Transactions (one row per order or order line)'
              : 'A ready RFM table (one row per customer)'}
          </RadioChoice>
        ))}
      </fieldset>

      <div className="role-grid" role="group" aria-label="Column roles">
        {ROLES_BY_KIND[kind].map((r) => {
          const id = `role-${r}`;
          const required = missingRoles(kind, {}).includes(r);
          return (
            <div key={r} className={`role${missing.includes(r) ? ' role--missing' : ''}`}>
              <label htmlFor={id}>
                {ROLE_LABELS[r]}
                {required &&
                !(kind === 'transactions' && (r === 'quantity' || r === 'price' || r === 'amount')) ? (
                  <span className="required"> (required)</span>
                ) : null}
              </label>
              <select
                id={id}
                value={mapping[r] === undefined ? '' : String(mapping[r])}
                onChange={(e) => setRole(r, e.target.value === '' ? undefined : Number(e.target.value))}
                aria-invalid={missing.includes(r)}
              >
                <option value="">— not in this file —</option>
                {headers.map((h, i) => (
                  <option key={i} value={String(i)}>
                    {h === '' ? `(column ${i + 1})` : h}
                  </option>
                ))}
              </select>
              {ROLE_HELP[r] ? <span className="muted small">{ROLE_HELP[r]}</span> : null}
            </div>
          );
        })}
      </div>
      {kind === 'transactions' && hasNoMoney(mapping) ? (
        <Message kind="info" title="No money column: segments from recency and frequency" testId="no-money">
          This file has no money column (no amount, no quantity and unit price), so monetary cannot be
          computed. The notebook goes on with recency and frequency only (an R+F model); the Transform step
          says so. If the file does have amounts, choose that column above to add monetary.
        </Message>
      ) : kind === 'transactions' ? (
        <p className="muted small">Monetary needs quantity and unit price, or an amount column.</p>
      ) : (
        <p className="muted small">
          Without a customer id column, customers are named by their spreadsheet row. Cleaning is skipped.
        </p>
      )}

      {error ? (
        <Message kind="error" title="The columns need your attention" testId="mapping-error">
          {error.message}
        </Message>
      ) : null}

      {result?.checks ? <MappingChecks checks={result.checks} confirmed={confirmed} /> : null}

      {kind === 'transactions' && mapping.date !== undefined ? (
        <fieldset className="choice-row" aria-describedby={ambiguous ? 'date-order-why' : undefined}>
          <legend>Dates are written as</legend>
          {ambiguous ? (
            <Message kind="warning" title="Which comes first in the dates, the day or the month?">
              <span id="date-order-why">
                {guess.dateOrder?.reason ?? 'Both readings are possible in this file.'} Please choose.
              </span>
            </Message>
          ) : null}
          {orders.map((o) => (
            <RadioChoice
              key={o}
              name={orderName}
              value={o}
              checked={dateOrder === o}
              onSelect={() => setDateOrder(o)}
            >
              {ORDER_LABELS[o]}
            </RadioChoice>
          ))}
        </fieldset>
      ) : null}

      {result && result.problems.length > 0 ? (
        <Message kind="warning" title="Some values could not be read" testId="mapping-problems">
          <ul className="problems">
            {result.problems.map((p) => (
              <li key={`${p.role}-${p.column}`}>
                <strong>{formatInt(p.count)}</strong> {p.count === 1 ? 'value' : 'values'} in column{' '}
                <strong>{p.column}</strong> ({ROLE_LABELS[p.role].toLowerCase()}) could not be read, for
                example{' '}
                {p.exampleRows.map((row, i) => (
                  <span key={row}>
                    {i > 0 ? ', ' : ''}row {row}: <code>{JSON.stringify(p.exampleValues[i] ?? '')}</code>
                  </span>
                ))}
                .{' '}
                {kind === 'transactions'
                  ? 'These rows are removed by the “unreadable rows” cleaning rule and counted there.'
                  : 'These rows are left out.'}
              </li>
            ))}
          </ul>
        </Message>
      ) : null}

      <div className="preview-head">
        <h3 className="subhead">First rows</h3>
        <div className="segmented" role="group" aria-label="Preview shows">
          <button type="button" aria-pressed={view === 'parsed'} onClick={() => setView('parsed')}>
            As in the file
          </button>
          <button
            type="button"
            aria-pressed={view === 'typed'}
            onClick={() => setView('typed')}
            disabled={result === null}
          >
            As the app reads them
          </button>
        </div>
      </div>
      {showTyped ? (
        <PreviewTable
          caption="First rows as the app reads them"
          headers={result.typedPreview.headers}
          rows={result.typedPreview.rows}
          testId="typed-preview"
        />
      ) : (
        <PreviewTable
          caption="First rows as in the file"
          headers={headers}
          rows={loadResult.preview.rows}
          headerNotes={headers.map((_, i) => {
            const r = roleOf.get(i);
            return r ? ROLE_LABELS[r] : null;
          })}
          testId="raw-preview"
        />
      )}
    </Cell>
  );
}
