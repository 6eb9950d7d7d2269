/**
 * Run history: every fit of this browser (and runs imported from files or `segment-notebook fit`),
 * kept in IndexedDB. Pick two to compare side by side; export a run as one JSON file or import one.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Cell } from '../../components/cell';
import { downloadBlob, textBlob } from '../../components/download';
import { formatInt } from '../../components/format';
import { Message } from '../../components/message';
import type { RunRecord } from '../../core/runs/run-record';
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
  const fileInput = useRef<HTMLInputElement>(null);
  // Runs deleted elsewhere drop out of the selection.
  useEffect(() => {
    setPicked((p) => p.filter((id) => runs.some((r) => r.id === id)));
  }, [runs]);
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const chosen = picked.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunRecord => !!r);

  return (
    <Cell
      id="runs"
      title="Runs"
      status={runs.length > 0 ? 'ready' : 'waiting'}
      summary={
        runs.length === 0
          ? 'Every fit is recorded here (settings, sweep metrics, chosen k, sizes); none yet.'
          : `${formatInt(runs.length)} run${runs.length === 1 ? '' : 's'} kept in this browser. Tick two to compare them.`
      }
      metrics={{ runs: runs.length }}
      actions={
        <>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => fileInput.current?.click()}
          >
            Import a run…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label="Import a run file"
            data-testid="runs-import"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importRunFile(f, f.name);
              e.target.value = '';
            }}
          />
        </>
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
        <div className="table-wrap">
          <table className="model-table" data-testid="runs-table" aria-label="Recorded runs">
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Time</th>
                <th scope="col">Input</th>
                <th scope="col">Customers</th>
                <th scope="col">k</th>
                <th scope="col">Seed</th>
                <th scope="col">From</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {[...runs].reverse().map((r) => (
                <tr key={r.id} data-run-id={r.id} aria-current={r.id === currentId ? 'true' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      checked={picked.includes(r.id)}
                      onChange={() => toggle(r.id)}
                      aria-label={`Compare run ${r.id}`}
                    />
                  </td>
                  <td>
                    {when(r.createdAt)}
                    {r.id === currentId ? <span className="muted small"> (current)</span> : null}
                  </td>
                  <td>{r.input.name}</td>
                  <td>{formatInt(r.metrics.customersModelled)}</td>
                  <td>{r.metrics.chosenK}</td>
                  <td>{r.params.kmeans.seed}</td>
                  <td>{r.source}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() =>
                        downloadBlob(textBlob(runFileText(r), 'application/json'), `run-${r.id}.json`)
                      }
                      aria-label={`Export run ${r.id}`}
                    >
                      Export
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => void reopenRun(r).then(setNote)}
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {chosen.length === 2 ? <RunsCompare a={chosen[0]!} b={chosen[1]!} /> : null}
      {chosen.length === 1 ? <p className="muted small">Tick a second run to compare.</p> : null}
    </Cell>
  );
}
