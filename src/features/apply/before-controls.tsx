import { useId, useState } from 'react';
import { FileButton } from '../../components/file-button';
import { clearPreviousExport, openPreviousExport, setBeforeDay } from '../../store/apply-actions';
import { useNotebook } from '../../store/store';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** Choose the "before" of transitions: a second analysis date on this file, or a previous customers export. */
export function BeforeControls() {
  const beforeDay = useNotebook((s) => s.applyBeforeDay);
  const previous = useNotebook((s) => s.applyPrevious);
  const kind = useNotebook((s) => s.kind);
  const mapping = useNotebook((s) => s.mappingResult);
  const [draft, setDraft] = useState(beforeDay ?? '');
  const id = useId();
  const min = mapping?.firstTime != null ? dayOf(mapping.firstTime + DAY_MS) : undefined;
  const max = mapping?.lastTime != null ? dayOf(mapping.lastTime + DAY_MS) : undefined;
  return (
    <div className="apply-before" data-testid="apply-before">
      {kind === 'transactions' ? (
        <form
          className="apply-field"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setBeforeDay(draft === '' ? null : draft);
          }}
        >
          <label htmlFor={`${id}-day`}>Second analysis date (the “before”) on this file</label>{' '}
          <input
            id={`${id}-day`}
            type="date"
            value={draft}
            {...(min ? { min } : {})}
            {...(max ? { max } : {})}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="apply-before-day"
          />{' '}
          <button type="submit" className="button button--secondary" data-testid="apply-before-day-set">
            {draft === '' ? 'Clear' : 'Compare with this date'}
          </button>
          {min && max ? (
            <span className="muted small">
              {' '}
              Between {min} and {max}: RFM from the lines before that day, scored with the same model.
            </span>
          ) : null}
        </form>
      ) : null}
      <p className="apply-field">
        Or a previous “All customers” export as the “before”:{' '}
        <FileButton
          accept=".csv,text/csv"
          label="Choose a previous customers export (.csv)"
          testId="apply-previous-input"
          onFile={(f) => void f.text().then((t) => openPreviousExport(t, f.name))}
        >
          Open a customers CSV…
        </FileButton>
        {previous ? (
          <>
            {' '}
            <strong>{previous.fileName}</strong>{' '}
            <button type="button" className="button button--secondary" onClick={clearPreviousExport}>
              Remove
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}
