import { useId, useMemo } from 'react';
import type { RfmSettings, RfmTable } from '../../core/rfm/types';
import { RadioChoice } from '../../components/radio-choice';
import { Cell } from '../../components/cell';
import { Message } from '../../components/message';
import { Histogram } from '../../components/plot/histogram';
import { VirtualTable, type TableColumn } from '../../components/virtual-table';
import { formatInt, formatMoney, formatNumber, formatTime } from '../../components/format';
import { setRfmSettings } from '../../store/data-actions';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';

function nextDayIso(ms: number | null): string {
  const base = ms !== null && Number.isFinite(ms) ? ms : Date.UTC(2000, 0, 1);
  const d = new Date(base);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1))
    .toISOString()
    .slice(0, 10);
}

function columnsFor(rfm: RfmTable): TableColumn[] {
  return [
    {
      id: 'customer',
      label: 'Customer',
      value: (i) => rfm.customerIds[i] ?? '',
      width: 'minmax(4.5rem, 1fr)',
    },
    {
      id: 'recency',
      label: 'Recency (days)',
      numeric: true,
      value: (i) => rfm.recency[i] ?? NaN,
      format: (v) => formatNumber(Number(v)),
    },
    {
      id: 'frequency',
      label: 'Frequency',
      numeric: true,
      value: (i) => rfm.frequency[i] ?? NaN,
      format: (v) => formatNumber(Number(v)),
    },
    {
      id: 'monetary',
      label: 'Monetary',
      numeric: true,
      value: (i) => rfm.monetary[i] ?? NaN,
      format: (v) => formatMoney(Number(v)),
    },
  ];
}

const FREQUENCY_TEXT: Record<RfmSettings['frequency'], string> = {
  invoices: 'Distinct invoices (orders)',
  lines: 'Order lines',
  days: 'Distinct purchase days',
};

/** The per-customer Recency, Frequency and Monetary table and how it is defined. */
export function RfmCell() {
  const rfm = useNotebook((s) => s.rfm);
  const { status, error } = useStep('rfm');
  const settings = useNotebook((s) => s.rfmSettings);
  const kind = useNotebook((s) => s.kind);
  const mapping = useNotebook((s) => s.mapping);
  const lastTime = useNotebook((s) => s.mappingResult?.lastTime ?? null);
  const datasetName = useNotebook((s) => s.datasetName);
  const rfmSource = useNotebook((s) => s.rfmSource);
  const hasData = useNotebook((s) => s.loadResult !== null);
  const analysisName = useId();
  const freqId = useId();
  const monId = useId();
  const dateId = useId();
  const columns = useMemo(() => (rfm ? columnsFor(rfm) : []), [rfm]);

  const summary = rfm ? (
    <>
      <span data-testid="rfm-customers">{formatInt(rfm.customerIds.length)} customers modelled</span>
      {' · '}
      <span data-testid="rfm-excluded">{formatInt(rfm.excludedNonPositive)} excluded with monetary ≤ 0</span>
      {rfm.preAggregated ? ' · from a ready RFM table' : ` · analysis time ${formatTime(rfm.analysisTime)}`}
    </>
  ) : hasData ? (
    'Computed from the cleaned lines.'
  ) : (
    'Load data first.'
  );

  const analysisMode = typeof settings.analysisDate === 'string' ? settings.analysisDate : 'date';
  const hasQP = mapping.quantity !== undefined && mapping.price !== undefined;
  const hasAmount = mapping.amount !== undefined;

  return (
    <Cell step="rfm" status={hasData || rfm ? status : 'waiting'} summary={summary}>
      {hasData && kind === 'transactions' ? (
        <form className="rfm-settings" onSubmit={(e) => e.preventDefault()} aria-label="RFM definition">
          <fieldset>
            <legend>Recency is counted up to</legend>
            <RadioChoice
              name={analysisName}
              checked={analysisMode === 'nextDay'}
              onSelect={() => setRfmSettings({ analysisDate: 'nextDay' })}
            >
              Midnight after the last day in the data
            </RadioChoice>
            <RadioChoice
              name={analysisName}
              checked={analysisMode === 'lastTime'}
              onSelect={() => setRfmSettings({ analysisDate: 'lastTime' })}
            >
              The last transaction’s time
            </RadioChoice>
            <div className="choice choice--date">
              <input
                type="radio"
                name={analysisName}
                id={`${dateId}-radio`}
                checked={analysisMode === 'date'}
                onChange={() => setRfmSettings({ analysisDate: { date: nextDayIso(lastTime) } })}
              />
              <label htmlFor={`${dateId}-radio`}>The start of a day:</label>
              <input
                type="date"
                id={dateId}
                aria-label="Analysis day"
                value={typeof settings.analysisDate === 'object' ? settings.analysisDate.date : ''}
                disabled={analysisMode !== 'date'}
                onChange={(e) => {
                  if (e.target.value !== '') setRfmSettings({ analysisDate: { date: e.target.value } });
                }}
              />
            </div>
          </fieldset>
          <div className="rfm-settings__col">
            <label htmlFor={freqId}>Frequency counts</label>
            <select
              id={freqId}
              value={settings.frequency}
              onChange={(e) => setRfmSettings({ frequency: e.target.value as RfmSettings['frequency'] })}
            >
              {(Object.keys(FREQUENCY_TEXT) as RfmSettings['frequency'][]).map((f) => (
                <option key={f} value={f}>
                  {FREQUENCY_TEXT[f]}
                  {f === 'invoices' && mapping.invoice === undefined
                    ? ' (no invoice column: each row is an order)'
                    : ''}
                </option>
              ))}
            </select>
            <label htmlFor={monId}>Monetary is</label>
            <select
              id={monId}
              value={settings.monetary}
              onChange={(e) =>
                setRfmSettings({ monetary: e.target.value === 'amount' ? 'amount' : 'quantityTimesPrice' })
              }
            >
              <option value="quantityTimesPrice" disabled={!hasQP}>
                Sum of quantity × unit price
              </option>
              <option value="amount" disabled={!hasAmount}>
                Sum of the amount column
              </option>
            </select>
          </div>
          <div className="rfm-settings__col">
            <ExcludeNonPositive settings={settings} />
            <label className="choice">
              <input
                type="checkbox"
                checked={settings.cancellationsArePurchases === true}
                onChange={(e) => setRfmSettings({ cancellationsArePurchases: e.target.checked })}
              />
              Cancellation lines count as purchases (reference notebook)
            </label>
          </div>
        </form>
      ) : null}

      {hasData && kind === 'rfm' ? (
        <form className="rfm-settings" onSubmit={(e) => e.preventDefault()} aria-label="RFM definition">
          <ExcludeNonPositive settings={settings} />
        </form>
      ) : null}

      {error ? (
        <Message kind="error" title="RFM could not be computed" testId="rfm-error">
          {error.message}
        </Message>
      ) : null}
      {rfm && rfmSource !== null && rfmSource !== datasetName ? (
        <Message kind="info" title={`Showing the results of ${rfmSource}`}>
          These are the last results computed. They are replaced when {datasetName ?? 'the new file'} has its
          own RFM table.
        </Message>
      ) : null}

      {rfm ? (
        <>
          <VirtualTable
            label="RFM per customer"
            columns={columns}
            rowCount={rfm.customerIds.length}
            searchColumn="customer"
            searchLabel="Find customer id"
            testId="rfm-table"
            height={380}
          />
          <div className="histograms">
            <Histogram
              values={rfm.recency}
              title="Recency (days)"
              xTitle="days since last purchase"
              testId="hist-recency"
            />
            <Histogram
              values={rfm.frequency}
              title="Frequency"
              xTitle="purchases (log scale)"
              logX
              testId="hist-frequency"
            />
            <Histogram
              values={rfm.monetary}
              title="Monetary"
              xTitle="total spent (log scale)"
              logX
              testId="hist-monetary"
            />
          </div>
        </>
      ) : (
        <p className="muted">The RFM table appears here once the data is loaded and mapped.</p>
      )}
    </Cell>
  );
}

/** The one RFM setting of both file kinds (transactions and a ready RFM table). */
function ExcludeNonPositive({ settings }: { readonly settings: RfmSettings }) {
  return (
    <label className="choice">
      <input
        type="checkbox"
        checked={settings.excludeNonPositiveMonetary}
        onChange={(e) => setRfmSettings({ excludeNonPositiveMonetary: e.target.checked })}
      />
      Leave out customers whose monetary is zero or below
    </label>
  );
}
