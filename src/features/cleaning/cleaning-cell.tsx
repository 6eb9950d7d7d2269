import { useId, useState, type ReactNode } from 'react';
import type { CleaningRule, CleaningSettings, CleaningStep } from '../../core/clean/types';
import { Cell } from '../../components/cell';
import { DataTable, type DataColumn } from '../../components/data-table';
import { Message } from '../../components/message';
import { formatInt } from '../../components/format';
import { applyDefaults, applyReferencePreset, setCleaning } from '../../store/data-actions';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import { duplicatesSentence } from '../../messages/cleaning';
import { cancellationSentence, DuplicatesWarning, StatusWarning } from './evidence';

const RULES: readonly { rule: CleaningRule; label: string; help: string }[] = [
  {
    rule: 'invalidRows',
    label: 'Unreadable rows',
    help: 'Rows whose date, quantity or price could not be read (listed in Columns). Always removed.',
  },
  {
    rule: 'missingCustomer',
    label: 'Missing customer id',
    help: 'Lines without a customer cannot be attributed to anyone.',
  },
  {
    rule: 'cancellations',
    label: 'Cancellations',
    help: 'Decided from the values (see below). Net: they reduce monetary but are not purchases. Drop: removed.',
  },
  {
    rule: 'nonProductCodes',
    label: 'Non-product codes',
    help: 'Postage, fees, manual adjustments… (product codes; an entry ending in * is a prefix).',
  },
  { rule: 'nonPositivePrice', label: 'Price zero or below', help: 'Free samples and bad-debt adjustments.' },
  { rule: 'unspecifiedCountry', label: 'Country “Unspecified”', help: '' },
  {
    rule: 'duplicates',
    label: 'Exact duplicate lines',
    help: 'Lines identical in every column to an earlier one.',
  },
  {
    rule: 'outliers',
    label: 'Extreme lines',
    help: 'Lines over 100 × the 99.9th percentile of |quantity|, unit price or |amount|, judged on all lines before cleaning (listed in Transactions at a glance).',
  },
  {
    rule: 'dateWindow',
    label: 'Date window',
    help: 'Keep lines from the start day up to, not including, the end day.',
  },
  {
    rule: 'negativeNetCustomers',
    label: 'Customers with negative net quantity',
    help: 'Drop customers who returned more of a product than they bought in the data.',
  },
];

const TOGGLES: Partial<Record<CleaningRule, keyof CleaningSettings>> = {
  missingCustomer: 'dropMissingCustomer',
  nonProductCodes: 'dropNonProductCodes',
  nonPositivePrice: 'dropNonPositivePrice',
  unspecifiedCountry: 'dropUnspecifiedCountry',
  duplicates: 'dropDuplicates',
  outliers: 'dropOutliers',
  negativeNetCustomers: 'dropNegativeNetCustomers',
};

function parseCodes(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The cleaning rules, each toggleable, with the rows and customers it removed. */
export function CleaningCell() {
  const kind = useNotebook((s) => s.kind);
  const hasData = useNotebook((s) => s.loadResult !== null);
  const { status, error } = useStep('cleaning');
  const report = useNotebook((s) => s.cleaningReport);
  const settings = useNotebook((s) => s.cleaningSettings);
  const statusColumn = useNotebook((s) => s.mappingResult?.statusColumn ?? null);

  if (!hasData || kind === 'rfm') {
    return (
      <Cell
        step="cleaning"
        status={hasData ? status : 'waiting'}
        summary={hasData ? 'Not needed for a ready RFM table.' : 'Load data first.'}
      >
        <p className="muted">
          {hasData
            ? 'The file is already one row per customer, so there are no transaction lines to clean.'
            : 'Cleaning rules for transaction lines will appear here.'}
        </p>
      </Cell>
    );
  }

  const steps = new Map<CleaningRule, CleaningStep>();
  for (const s of report?.steps ?? []) steps.set(s.rule, s);

  const summary = report ? (
    <span data-testid="cleaning-summary">
      {formatInt(report.rowsKept)} of {formatInt(report.rowsIn)} lines kept ·{' '}
      {formatInt(report.customersKept)} of {formatInt(report.customersIn)} customers kept
    </span>
  ) : (
    'Choose which lines count as purchases.'
  );

  /** A count removed by each rule ('—' before the first run), labelled for the narrow layout. */
  const removedColumn = (
    header: string,
    what: 'rows' | 'customers',
    count: (step: CleaningStep) => number,
  ): DataColumn<(typeof RULES)[number]> => ({
    header,
    numeric: true,
    cell: ({ rule }) => {
      const step = steps.get(rule);
      return step ? formatInt(count(step)) : '—';
    },
    cellProps: ({ rule }) => ({ 'data-label': header, 'data-testid': `removed-${what}-${rule}` }),
  });

  return (
    <Cell
      step="cleaning"
      status={status}
      summary={summary}
      actions={
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={applyReferencePreset}>
            Reference notebook preset
          </button>
          <button type="button" className="button button--secondary" onClick={applyDefaults}>
            Defaults
          </button>
        </div>
      }
    >
      {error ? (
        <Message kind="error" title="Cleaning failed" testId="cleaning-error">
          {error.message} The last good results are still shown.
        </Message>
      ) : null}
      {statusColumn ? <StatusWarning evidence={statusColumn} /> : null}
      {report?.duplicates && settings.dropDuplicates ? (
        <DuplicatesWarning evidence={report.duplicates} />
      ) : null}
      <DataTable
        className="rules"
        caption="Cleaning rules"
        rows={RULES}
        rowKey={(r) => r.rule}
        rowProps={({ rule }) => {
          const step = steps.get(rule);
          return {
            'data-rule': rule,
            className: step && !step.enabled && TOGGLES[rule] !== undefined ? 'rules__off' : undefined,
          };
        }}
        columns={[
          {
            header: 'Rule',
            cell: ({ rule, label, help }) => (
              <>
                <RuleControl rule={rule} label={label} settings={settings} />
                {help !== '' ? <p className="muted small rules__help">{help}</p> : null}
                {rule === 'cancellations' && report?.cancellation ? (
                  <p className="small rules__help" data-testid="cancellation-evidence">
                    {cancellationSentence(report.cancellation)}
                  </p>
                ) : null}
                {rule === 'duplicates' && report?.duplicates?.basis === 'unsure' ? (
                  <p className="small rules__help" data-testid="duplicates-evidence">
                    {duplicatesSentence(report.duplicates)}
                  </p>
                ) : null}
              </>
            ),
          },
          removedColumn('Lines removed', 'rows', (step) => step.rowsRemoved),
          removedColumn('Customers removed', 'customers', (step) => step.customersRemoved),
        ]}
        foot={
          report ? (
            <tr>
              <th scope="row">Kept</th>
              <td className="num">{formatInt(report.rowsKept)} lines</td>
              <td className="num">{formatInt(report.customersKept)} customers</td>
            </tr>
          ) : undefined
        }
      />
    </Cell>
  );
}

function RuleControl({
  rule,
  label,
  settings,
}: {
  rule: CleaningRule;
  label: string;
  settings: CleaningSettings;
}): ReactNode {
  const id = useId();
  const key = TOGGLES[rule];
  if (rule === 'invalidRows') return <span className="rules__name">{label}</span>;
  if (rule === 'cancellations') {
    return (
      <div className="rules__inline">
        <label htmlFor={id} className="rules__name">
          {label}
        </label>
        <select
          id={id}
          value={settings.cancellations}
          onChange={(e) => setCleaning({ cancellations: e.target.value === 'drop' ? 'drop' : 'net' })}
        >
          <option value="net">Net them against purchases</option>
          <option value="drop">Drop them</option>
        </select>
      </div>
    );
  }
  if (rule === 'dateWindow') return <DateWindow settings={settings} />;
  if (key === undefined) return <span className="rules__name">{label}</span>;
  const checked = settings[key] === true;
  return (
    <div>
      <label className="choice rules__name">
        <input type="checkbox" checked={checked} onChange={(e) => setCleaning({ [key]: e.target.checked })} />
        {label}
      </label>
      {rule === 'nonProductCodes' ? <CodeList codes={settings.nonProductCodes} disabled={!checked} /> : null}
      {rule === 'negativeNetCustomers' ? (
        <label className="choice small rules__sub">
          <input
            type="checkbox"
            checked={settings.negativeNetGroupByCountry === true}
            disabled={!checked}
            onChange={(e) => setCleaning({ negativeNetGroupByCountry: e.target.checked })}
          />
          Group by country too (as the reference notebook)
        </label>
      ) : null}
    </div>
  );
}

function CodeList({ codes, disabled }: { codes: readonly string[]; disabled: boolean }) {
  const id = useId();
  const joined = codes.join(', ');
  const [text, setText] = useState(joined);
  const [seen, setSeen] = useState(joined);
  // Settings changed elsewhere (preset, defaults): show them, unless they are what was typed.
  if (seen !== joined) {
    setSeen(joined);
    if (parseCodes(text).join(', ') !== joined) setText(joined);
  }
  return (
    <div className="rules__sub">
      <label htmlFor={id} className="small">
        Non-product codes (comma separated)
      </label>
      <textarea
        id={id}
        rows={2}
        value={text}
        disabled={disabled}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setCleaning({ nonProductCodes: parseCodes(e.target.value) });
        }}
      />
    </div>
  );
}

function DateWindow({ settings }: { settings: CleaningSettings }) {
  const { start, end } = settings.dateWindow;
  const bad = start !== null && end !== null && start >= end;
  return (
    <div>
      <span className="rules__name">Date window</span>
      <div className="rules__inline">
        <DayInput
          label="From"
          value={start}
          onChange={(day) => setCleaning({ dateWindow: { start: day, end } })}
        />
        <DayInput
          label="Before"
          value={end}
          onChange={(day) => setCleaning({ dateWindow: { start, end: day } })}
        />
      </div>
      {bad ? (
        <p className="small error-text">The start day must come before the end day: nothing would be kept.</p>
      ) : null}
    </div>
  );
}

/** A labelled day picker; an empty field is `null` (no bound). */
function DayInput({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: string | null;
  readonly onChange: (day: string | null) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="small">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      />
    </>
  );
}
