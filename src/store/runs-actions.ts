/**
 * Run history of the browser: every finished sweep (a fit) is recorded as a run (the same record as
 * `segment-notebook fit` writes, src/core/runs/run-record.ts) and kept in IndexedDB (runs-db.ts);
 * choosing another k updates that run. The Runs panel lists, compares, exports and imports runs.
 * State lives here as a small external store (as the session's), read with useSyncExternalStore.
 */
import { buildRunRecord, parseRunRecord, type RunRecord } from '../core/runs/run-record';
import type { CleaningSettings } from '../core/clean/types';
import type { RfmSettings } from '../core/rfm/types';
import type { ErrorOf } from '../core/errors';
import { setCleaning, setRfmSettings } from './data-actions';
import { setK, setLeftOut, setSeed } from './model-actions';
import { leftOutOf } from '../core/model/model-types';
import { allRuns, deleteRun, putRun } from './runs-db';
import type { NotebookState } from './store';
import { useNotebook } from './store';
import { sha256Of } from '../workers/hash/client';

export interface RunsState {
  readonly runs: readonly RunRecord[];
  readonly error: string | null;
  /** Id of the run of the current sweep (updated when k changes). */
  readonly currentId: string | null;
}

let state: RunsState = { runs: [], error: null, currentId: null };
const listeners = new Set<() => void>();
function setState(patch: Partial<RunsState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
export const getRuns = (): RunsState => state;
export function subscribeRuns(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';

/** The run record of the notebook's current sweep at its chosen k, or null when there is none. */
export function runFromState(
  s: Pick<
    NotebookState,
    | 'sweep'
    | 'k'
    | 'cleaningSettings'
    | 'rfmSettings'
    | 'kind'
    | 'loadResult'
    | 'mappingResult'
    | 'rfmSource'
    | 'datasetName'
  >,
  file: { sha256: string; bytes: number },
  createdAt: Date,
  durationMs: number,
): RunRecord | null {
  const sw = s.sweep;
  if (!sw || s.k === null) return null;
  const point = sw.result.points.find((p) => p.k === s.k);
  if (!point) return null;
  const sizes = new Array<number>(point.k).fill(0);
  for (const c of point.result.labels) sizes[c]!++;
  const ks = sw.result.points.map((p) => p.k);
  return buildRunRecord({
    createdAt,
    appVersion: APP_VERSION,
    source: 'browser',
    input: {
      name: s.rfmSource ?? s.datasetName ?? '',
      sha256: file.sha256,
      bytes: file.bytes,
      rows: s.loadResult?.rowCount ?? 0,
      customers: s.mappingResult?.customers ?? sw.rfm.customerIds.length,
      kind: s.kind,
    },
    cleaning: s.kind === 'rfm' ? null : s.cleaningSettings,
    rfm: s.rfmSettings,
    features: sw.features,
    kmeans: {
      seed: sw.seed,
      kMin: Math.min(...ks),
      kMax: Math.max(...ks),
      nInit: sw.nInit,
      maxIter: sw.maxIter,
      tol: sw.tol,
      algorithm: sw.algorithm,
      engine: sw.engineInfo.name,
    },
    sweep: sw.result.points,
    suggestedK: sw.result.knee.suggested,
    chosenK: s.k,
    lambdas: sw.transform.fit.lambdas,
    inertia: point.inertia,
    segmentSizes: sizes,
    durationMs,
    artifacts: [],
  });
}

const hashes = new WeakMap<Blob, Promise<string>>();
function hashOf(blob: Blob): Promise<string> {
  let h = hashes.get(blob);
  if (!h) {
    h = sha256Of(blob); // in a worker: the digest would hold the page's main thread
    hashes.set(blob, h);
  }
  return h;
}

function failed(e: unknown): void {
  setState({ error: e instanceof Error ? e.message : String(e) });
}

async function refresh(): Promise<void> {
  try {
    setState({ runs: await allRuns() });
  } catch (e) {
    failed(e);
  }
}

let installed = false;
/** Where the run of the current sweep started (the load or the recomputation), ms. */
let startedAt: number | null = null;
/** k of a re-opened run, applied when its sweep finishes. */
let pendingK: number | null = null;
let current: { sweep: NonNullable<NotebookState['sweep']>; id: string; createdAt: Date } | null = null;

/** Records runs from now on and loads the stored ones (idempotent; the Runs panel calls it). */
export function installRunRecorder(): void {
  if (installed) return;
  installed = true;
  void refresh();
  useNotebook.subscribe((s, prev) => {
    if (
      startedAt === null &&
      ((s.loadStatus === 'running' && prev.loadStatus !== 'running') ||
        (s.transformStatus === 'running' && prev.transformStatus !== 'running') ||
        (s.sweepStatus === 'running' && prev.sweepStatus !== 'running'))
    )
      startedAt = performance.now();
    const newSweep = s.sweep !== prev.sweep && s.sweep !== null && s.sweepStatus === 'ready';
    if (newSweep && pendingK !== null) {
      // a re-opened run: its k once the sweep with its settings is there
      const k = pendingK;
      pendingK = null;
      if (s.sweep!.result.points.some((p) => p.k === k) && k !== s.k) {
        setK(k);
        return;
      }
    }
    const newK = !newSweep && s.sweep !== null && current?.sweep === s.sweep && s.k !== prev.k;
    if (newSweep || newK) void record(s, newSweep);
  });
}

async function record(s: NotebookState, fresh: boolean): Promise<void> {
  const blob = s.fileBlob;
  if (!blob || !s.sweep) return;
  try {
    const sweep = s.sweep;
    const durationMs = fresh && startedAt !== null ? Math.round(performance.now() - startedAt) : null;
    if (fresh) startedAt = null;
    const sha256 = await hashOf(blob);
    const createdAt = fresh || !current ? new Date() : current.createdAt;
    const previous = !fresh ? state.runs.find((r) => r.id === current?.id) : undefined;
    const run = runFromState(
      s,
      { sha256, bytes: blob.size },
      createdAt,
      durationMs ?? previous?.durationMs ?? 0,
    );
    if (!run) return;
    current = { sweep, id: run.id, createdAt };
    await putRun(run);
    setState({ currentId: run.id, error: null });
    await refresh();
  } catch (e) {
    failed(e);
  }
}

export async function removeRun(id: string): Promise<void> {
  try {
    await deleteRun(id);
    await refresh();
  } catch (e) {
    failed(e);
  }
}

/** The run as one JSON file's text. */
export function runFileText(run: RunRecord): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

/** Imports a run file (from this app, another browser or `segment-notebook fit`'s run.json). */
export async function importRunFile(file: Blob, name: string): Promise<string | null> {
  try {
    const run = parseRunRecord(await file.text(), `"${name}"`);
    await putRun(run);
    await refresh();
    setState({ error: null });
    return run.id;
  } catch (e) {
    failed(e);
    return null;
  }
}

export function dismissRunsError(): void {
  setState({ error: null });
}

/**
 * Re-opens a run on the file it was made from: its cleaning and RFM settings, seed and k are applied
 * to the notebook, which recomputes. Resolves to why it cannot (no file, or another file is open;
 * src/messages/errors.ts writes the sentence), null when it did.
 */
export async function reopenRun(
  run: RunRecord,
): Promise<ErrorOf<'run-file-not-open'> | ErrorOf<'run-other-file'> | null> {
  const s = useNotebook.getState();
  if (!s.fileBlob) return { code: 'run-file-not-open', fileName: run.input.name };
  if ((await hashOf(s.fileBlob)) !== run.input.sha256)
    return { code: 'run-other-file', fileName: run.input.name };
  const cleaning = run.params.cleaning as CleaningSettings | null;
  const rfm = run.params.rfm as RfmSettings;
  // The features the run modelled (absent in older records: all three).
  const leftOut = leftOutOf(run.params.transform.features);
  const same =
    (cleaning === null || JSON.stringify(cleaning) === JSON.stringify(s.cleaningSettings)) &&
    JSON.stringify(rfm) === JSON.stringify(s.rfmSettings) &&
    run.params.kmeans.seed === s.seed &&
    leftOut === s.leftOut;
  if (same) {
    setK(run.metrics.chosenK);
    return null;
  }
  pendingK = run.metrics.chosenK;
  if (leftOut !== s.leftOut) setLeftOut(leftOut);
  setSeed(run.params.kmeans.seed);
  if (cleaning !== null) setCleaning(cleaning);
  setRfmSettings(rfm);
  return null;
}
