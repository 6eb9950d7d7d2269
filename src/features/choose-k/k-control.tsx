import { useId } from 'react';

/**
 * The k control: a slider (arrow keys move it one step, Home/End to the ends) with − / + buttons.
 * The slider carries the accessible name "Number of segments (k)".
 */
export function KControl({
  k,
  min,
  max,
  suggested,
  onChange,
}: {
  k: number;
  min: number;
  max: number;
  suggested: number | null;
  onChange: (k: number) => void;
}) {
  const id = useId();
  return (
    <div className="k-control">
      <label htmlFor={id} className="k-control__label">
        Number of segments (k)
      </label>
      <div className="k-control__row">
        <button
          type="button"
          className="button button--secondary k-control__step"
          aria-label="Fewer segments"
          disabled={k <= min}
          onClick={() => onChange(k - 1)}
        >
          −
        </button>
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={1}
          value={k}
          list={`${id}-ticks`}
          onChange={(e) => onChange(Number(e.currentTarget.value))}
          data-testid="k-slider"
        />
        <datalist id={`${id}-ticks`}>
          {Array.from({ length: max - min + 1 }, (_, i) => (
            <option key={i} value={min + i} />
          ))}
        </datalist>
        <button
          type="button"
          className="button button--secondary k-control__step"
          aria-label="More segments"
          disabled={k >= max}
          onClick={() => onChange(k + 1)}
        >
          +
        </button>
        <output htmlFor={id} className="k-control__value" data-testid="k-value" aria-live="polite">
          k = {k}
        </output>
        {suggested !== null && suggested !== k ? (
          <button type="button" className="button button--secondary" onClick={() => onChange(suggested)}>
            Use the recommended k = {suggested}
          </button>
        ) : null}
      </div>
    </div>
  );
}
