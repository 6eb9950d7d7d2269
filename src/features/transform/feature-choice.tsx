import type { ModelFeature } from '../../core/model/model-types';
import { setLeftOut } from '../../store/model-actions';
import { useNotebook } from '../../store/store';

const OPTIONS: readonly { readonly leftOut: ModelFeature | null; readonly label: string }[] = [
  { leftOut: null, label: 'Recency, frequency and monetary' },
  { leftOut: 'monetary', label: 'Recency and frequency (leave monetary out)' },
  { leftOut: 'frequency', label: 'Recency and monetary (leave frequency out)' },
  { leftOut: 'recency', label: 'Frequency and monetary (leave recency out)' },
];

/**
 * Which features the model uses: all three, or two with one left out (the control the transform's
 * "leave … out" advice points to). A file without money is an R+F model and says so.
 */
export function FeatureChoice() {
  const leftOut = useNotebook((s) => s.leftOut);
  const noMoney = useNotebook((s) => s.rfm?.noMoney === true);
  const busy = useNotebook((s) => s.transformStatus === 'running' || s.sweepStatus === 'running');
  const current = noMoney ? 'monetary' : leftOut;
  return (
    <fieldset className="choice-row" data-testid="feature-choice">
      <legend>Features in the model</legend>
      {noMoney ? (
        <p className="muted small" style={{ width: '100%' }} data-testid="no-money-note">
          This file has no money column (no amount, no quantity and unit price), so the segments use recency
          and frequency only (an R+F model). Map an amount, or quantity and unit price, in the Columns step to
          add monetary.
        </p>
      ) : null}
      {OPTIONS.map((o) => (
        <label key={o.leftOut ?? 'all'} className="choice">
          <input
            type="radio"
            name="model-features"
            value={o.leftOut ?? 'all'}
            checked={current === o.leftOut}
            disabled={noMoney && o.leftOut !== 'monetary'}
            onChange={() => setLeftOut(o.leftOut)}
            aria-describedby={busy ? 'feature-choice-busy' : undefined}
          />{' '}
          {o.label}
        </label>
      ))}
      {busy ? (
        <span id="feature-choice-busy" className="visually-hidden">
          A change fits the model again.
        </span>
      ) : null}
    </fieldset>
  );
}
