import { useEffect, useId, useRef, useState } from 'react';
import { latestAfterPaint } from '../../components/after-paint';

/**
 * The k control: a slider (arrow keys move it one step, Home/End to the ends) with − / + buttons.
 * The slider carries the accessible name "Number of segments (k)".
 *
 * The control shows a new k at once and hands it on (`onChange`, which re-renders the segments and
 * their charts) only after that has been painted: a key press is answered by the next frame, not
 * after the notebook's re-render. Steps faster than a frame are folded into one: the latest wins.
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
  const [shown, setShown] = useState(k);
  const latest = useRef({ k, onChange });
  const [handOn] = useState(() =>
    latestAfterPaint<number>((value) => {
      if (value !== latest.current.k) latest.current.onChange(value);
      else setShown(value);
    }),
  );
  useEffect(() => {
    latest.current = { k, onChange };
    if (!handOn.pending()) setShown(k);
  }, [k, onChange, handOn]);
  const choose = (next: number) => {
    setShown(next);
    handOn.give(next);
  };
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
          disabled={shown <= min}
          onClick={() => choose(shown - 1)}
        >
          −
        </button>
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={1}
          value={shown}
          list={`${id}-ticks`}
          onChange={(e) => choose(Number(e.currentTarget.value))}
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
          disabled={shown >= max}
          onClick={() => choose(shown + 1)}
        >
          +
        </button>
        <output htmlFor={id} className="k-control__value" data-testid="k-value" aria-live="polite">
          k = {shown}
        </output>
        {suggested !== null && suggested !== shown ? (
          <button type="button" className="button button--secondary" onClick={() => choose(suggested)}>
            Use the recommended k = {suggested}
          </button>
        ) : null}
      </div>
    </div>
  );
}
