/**
 * A labelled progress bar. `value` is the fraction done in 0..1, or null when unknown
 * (indeterminate). With `onCancel` a "Cancel" button is shown beside it.
 */
export interface ProgressProps {
  readonly label: string;
  readonly value: number | null;
  /** Extra text after the bar (e.g. "3.1 of 7.8 MB"). */
  readonly detail?: string;
  readonly onCancel?: () => void;
}

export function Progress({ label, value, detail, onCancel }: ProgressProps) {
  const pct = value === null ? null : Math.max(0, Math.min(1, value)) * 100;
  return (
    <div className="progress">
      <div className="progress__label">
        <span role="status">{label}</span>
        {detail !== undefined ? <span className="progress__detail">{detail}</span> : null}
      </div>
      <div className="progress__row">
        <div
          className={`progress__track${pct === null ? ' progress__track--indeterminate' : ''}`}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          {...(pct === null ? {} : { 'aria-valuenow': Math.round(pct) })}
          {...(detail !== undefined ? { 'aria-valuetext': detail } : {})}
        >
          <div className="progress__fill" style={pct === null ? undefined : { width: `${pct}%` }} />
        </div>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel} data-focus-fallback>
            Cancel
          </button>
        ) : null}
      </div>
    </div>
  );
}
