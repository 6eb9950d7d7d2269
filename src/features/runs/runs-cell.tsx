/**
 * Run history: every fit of this browser (and runs imported from files or `segment-notebook fit`),
 * kept in IndexedDB. Pick two to compare side by side; export a run as one JSON file or import one.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Cell } from '../../components/cell';
import { downloadBlob, textBlob } from '../../components/download';
import { DataTable } from '../../components/data-table';
import { formatInt } from '../../components/format';
import { FileButton } from '../../components/file-button';
import { Message } from '../../components/message';
import type { RunRecord } from '../../core/runs/run-record';
import { errorMessage } from '../../messages/errors';
import {
  dismissRunsError,
  getRuns,
  importRunFile,
  removeRun,
  reopenRun,
  runFileText,
  subscribeRuns,
} from '../../store/runs-actions';
import { RunsCompare } from './runs-compare';
import '../../components/model-cells.css';
import './runs.css';

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function RunsCell() {
  const { runs, error, currentId } = useSyncExternalStore(subscribeRuns, getRuns, getRuns);
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  // Runs deleted elsewhere drop out of the selection.
  useEffect(() => {
    setPicked((p) => p.filter((id) => runs.some((r) => r.id === id)));
  }, [runs]);
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const chosen = picked.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunRecord => !!r);

  return (
    <Cell
      step="runs"
      status={runs.length > 0 ? 'ready' : 'waiting'}
      summary={
        runs.length === 0
          ? 'Every fit is recorded here (settings, sweep metrics, chosen k, sizes); none yet.'
          : `${formatInt(runs.length)} run${runs.length === 1 ? '' : 's'} kept in this browser. Tick two to compare them.`
      }
      metrics={{ runs: runs.length }}
      actions={
        <FileButton
          accept=".json,application/json"
          label="Import a run file"
          testId="runs-import"
          onFile={(f) => void importRunFile(f, f.name)}
        >
          Import a run…
        </FileButton>
      }
    >
      {error ? (
        <Message kind="error" title="Run history">
          {error}{' '}
          <button type="button" className="button button--secondary" onClick={dismissRunsError}>
            Dismiss
          </button>
        </Message>
      ) : null}
      {note ? (
        <Message kind="warning" title="Run not re-opened">
          {note}
        </Message>
      ) : null}
      {runs.length > 0 ? (
        <DataTable
          testId="runs-table"
          caption="Recorded runs"
          rows={[...runs].reverse()}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-run-id': r.id, 'aria-current': r.id === currentId ? 'true' : undefined })}
          columns={[
            {
              header: 'Compare',
              cell: (r) => (
                <input
                  type="checkbox"
                  checked={picked.includes(r.id)}
                  onChange={() => toggle(r.id)}
                  aria-label={`Compare run ${r.id}`}
                />
              ),
            },
            {
              header: 'Time',
              cell: (r) => (
                <>
                  {when(r.createdAt)}
                  {r.id === currentId ? <span className="muted small"> (current)</span> : null}
                </>
              ),
            },
            { header: 'Input', cell: (r) => r.input.name },
            { header: 'Customers', numeric: true, cell: (r) => formatInt(r.metrics.customersModelled) },
            { header: 'k', numeric: true, cell: (r) => r.metrics.chosenK },
            { header: 'Seed', numeric: true, cell: (r) => r.params.kmeans.seed },
            { header: 'From', cell: (r) => r.source },
            { header: 'File', cell: (r) => <RunButtons run={r} onNote={setNote} /> },
          ]}
        />
      ) : null}
      {chosen.length === 2 ? <RunsCompare a={chosen[0]!} b={chosen[1]!} /> : null}
      {chosen.length === 1 ? <p className="muted small">Tick a second run to compare.</p> : null}
    </Cell>
  );
}

/** Export, re-open and delete one run. */
function RunButtons({
  run: r,
  onNote,
}: {
  readonly run: RunRecord;
  readonly onNote: (note: string | null) => void;
}) {
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => downloadBlob(textBlob(runFileText(r), 'application/json'), `run-${r.id}.json`)}
        aria-label={`Export run ${r.id}`}
      >
        Export
      </button>{' '}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void reopenRun(r).then((why) => onNote(why && errorMessage(why)))}
        aria-label={`Re-open run ${r.id}: apply its settings, seed and k`}
      >
        Re-open
      </button>{' '}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void removeRun(r.id)}
        aria-label={`Delete run ${r.id}`}
      >
        Delete
      </button>
    </>
  );
}
