import { useId, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { formatInt, formatNumber } from '../../components/format';
import type { BinNote, FeatureReport, ScoreFeature } from '../../core/rfm-scores';
import { setCustomCuts } from '../../store/rfm-scores-actions';
import { useNotebook } from '../../store/store';

export const FEATURE_LABEL: Record<ScoreFeature, string> = {
  recency: 'Recency (days)',
  frequency: 'Frequency',
  monetary: 'Monetary',
};

const fmt = (x: number) => formatNumber(x);

/** The bin's value condition, e.g. "> 12 and ≤ 32". */
function rangeText(lower: number, upper: number, closed: 'right' | 'left'): string {
  const lo = closed === 'right' ? '>' : '≥';
  const hi = closed === 'right' ? '≤' : '<';
  if (lower === -Infinity && upper === Infinity) return 'all values';
  if (lower === -Infinity) return `${hi} ${fmt(upper)}`;
  if (upper === Infinity) return `${lo} ${fmt(lower)}`;
  return `${lo} ${fmt(lower)} and ${hi} ${fmt(upper)}`;
}

/** A sentence for a tie or an empty score (written here, at the UI edge). */
export function noteText(feature: ScoreFeature, note: BinNote): string {
  const what = FEATURE_LABEL[feature].toLowerCase();
  if (note.kind === 'empty')
    return `Score ${note.score} is empty: two cut points are both ${fmt(note.value)}, so everyone with ${what} ${fmt(note.value)} has score ${note.mergedInto} (ties share a score; the bins merged).`;
  return `${formatInt(note.count)} customers have ${what} ${fmt(note.value)}: they all get score ${note.score}, so the bins are uneven (ties share a score).`;
}

/** "30; 90; 180" or "30, 90, 180"; with semicolons a comma is a thousands separator ("2,000.5; 5,000"). */
function parseCuts(text: string): number[] | 'invalid' {
  const semi = text.includes(';');
  const parts = text
    .split(semi ? /;/ : /[,\s]+/)
    .map((x) => (semi ? x.replace(/[,\s]/g, '') : x.trim()))
    .filter((x) => x !== '');
  const nums = parts.map(Number);
  if (nums.some((x) => !Number.isFinite(x))) return 'invalid';
  return nums;
}

/** Custom cut points for one feature: a labelled text field with Apply and Clear. */
function CustomCuts({ feature, report }: { feature: ScoreFeature; report: FeatureReport }) {
  const id = useId();
  const current = useNotebook((s) => s.scoreSettings.customCuts?.[feature]);
  const [text, setText] = useState(current?.join('; ') ?? '');
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const cuts = parseCuts(text);
    if (cuts === 'invalid') return setError('Type numbers separated by semicolons, e.g. 30; 90; 180; 365.');
    if (cuts.length === 0) {
      setError(null);
      return setCustomCuts(feature, null);
    }
    if (cuts.length > 9) return setError('At most 9 cut points (10 scores).');
    if (cuts.some((c, i) => i > 0 && c < cuts[i - 1]!))
      return setError('Cut points must be in ascending order.');
    setError(null);
    setCustomCuts(feature, cuts);
  };
  return (
    <div className="rfm-cuts">
      <label htmlFor={id} className="small">
        Custom cut points for {FEATURE_LABEL[feature]} (e.g. 30; 90; 180; 365 — empty = quantiles)
      </label>
      <div className="button-row">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          placeholder={report.breaks.cuts.map(fmt).join('; ')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-err` : undefined}
          data-testid={`rfm-cuts-input-${feature}`}
        />
        <button
          type="button"
          className="button button--secondary"
          onClick={apply}
          data-testid={`rfm-cuts-apply-${feature}`}
        >
          Apply
        </button>
        {current ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setText('');
              setError(null);
              setCustomCuts(feature, null);
            }}
          >
            Use quantiles
          </button>
        ) : null}
      </div>
      {error ? (
        <p id={`${id}-err`} className="error-text small" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Break values and the count of customers per score, for one feature. */
export function BreaksTable({ report }: { report: FeatureReport }) {
  const b = report.breaks;
  const f = report.feature;
  const source =
    b.source === 'custom'
      ? 'custom cut points'
      : b.source === 'r-rfm'
        ? 'R package rfm: quantiles + 1, left-closed'
        : 'quantiles (pandas qcut), right-closed';
  return (
    <div className="rfm-breaks" data-testid={`rfm-breaks-${f}`}>
      <DataTable
        showCaption
        wrap={false}
        caption={
          <>
            <strong>{FEATURE_LABEL[f]}</strong>
            <span className="muted small">
              {' '}
              — cut points <span data-testid={`rfm-cuts-${f}`}>{b.cuts.map(fmt).join('; ')}</span> ({source})
              {b.reversed ? '; reversed: most recent = highest score' : ''}
            </span>
          </>
        }
        rows={[...report.bins].reverse()}
        rowKey={(bin) => bin.score}
        columns={[
          { header: 'Score', rowHeader: true, cell: (bin) => bin.score },
          {
            header: 'Values',
            cell: (bin) => (
              <>
                {rangeText(bin.lower, bin.upper, b.closed)}
                {bin.count > 0 ? (
                  <span className="muted small">
                    {' '}
                    (seen {fmt(bin.min)}
                    {bin.max !== bin.min ? `–${fmt(bin.max)}` : ''})
                  </span>
                ) : null}
              </>
            ),
          },
          {
            header: 'Customers',
            numeric: true,
            cell: (bin) => formatInt(bin.count),
            cellProps: (bin) => ({ 'data-testid': `rfm-bin-${f}-${bin.score}` }),
          },
        ]}
      />
      {report.notes.length > 0 ? (
        <ul className="small rfm-notes" data-testid={`rfm-notes-${f}`}>
          {report.notes.map((n, i) => (
            <li key={i}>{noteText(f, n)}</li>
          ))}
        </ul>
      ) : null}
      {report.missing > 0 ? (
        <p className="small">
          {formatInt(report.missing)} customers have no value and no score (counted in Others).
        </p>
      ) : null}
      <CustomCuts feature={f} report={report} />
    </div>
  );
}
