/**
 * Plain async actions of the data steps. They drive the data worker through its client and write
 * the results into the store: load → (guessed) mapping → cleaning → RFM runs by itself, so a new
 * file ends at a ready RFM table without further clicks. Each later change restarts the pipeline
 * from the step it affects (debounced for edits). Results are only ever replaced by a newer success:
 * an error, a cancellation or a superseded run leaves the earlier results in place.
 */
import type { CleaningSettings } from '../core/clean/types';
import type { DateOrder, Mapping, Role, TableKind } from '../core/ingest/types';
import type { RfmSettings } from '../core/rfm/types';
import { UserFacingError } from '../core/errors';
import { DEFAULT_CLEANING } from '../core/clean/clean';
import { DEFAULT_RFM, REFERENCE_PRESET } from '../core/rfm/rfm';
import { missingRoles } from '../core/ingest/roles';
import type { StepStatus } from '../core/step';
import { mappingForKind, monetaryForMapping, ROLES_BY_KIND } from '../core/pipeline/steps';
import { dataClient, disposeDataClient } from './data-client';
import type { DataSlice, DataSource, LoadChoice } from './data-slice';
import { isAbort, stepError, toStepError } from './step-errors';
import { missingColumns } from './mapping-errors';
import { useNotebook } from './store';

export { ROLE_LABELS } from '../messages/roles';

const set = (patch: Partial<DataSlice>) => useNotebook.setState(patch);
const get = () => useNotebook.getState();

/** Hides the note about a restarted data worker. */
export function dismissWorkerRestart(): void {
  set({ workerRestart: null });
}

/** The file name of the built-in sample. */
export const SAMPLE_NAME = 'online-retail.csv.gz';
export const SAMPLE_ATTRIBUTION =
  'UCI Online Retail (Dr Daqing Chen, UCI Machine Learning Repository), CC0 copy from the CRAN package onlineretail';

export { ROLES_BY_KIND, mappingForKind };

// ───────────────────────────── load ─────────────────────────────

let loadCtl: AbortController | null = null;

/** A file to load and its size as picked or downloaded (compressed size for .gz). */
interface Fetched {
  readonly blob: Blob;
  readonly bytes: number;
}

export type { LoadChoice } from './data-slice';

async function runLoad(
  name: string,
  source: DataSource,
  getBlob: (signal: AbortSignal) => Promise<Fetched>,
  choice: LoadChoice = {},
) {
  loadCtl?.abort();
  const ctl = new AbortController();
  loadCtl = ctl;
  const { signal } = ctl;
  set({ loadStatus: 'running', loadingName: name, loadError: null, loadProgress: null });
  try {
    const { blob, bytes } = await getBlob(signal);
    const result = await dataClient().load(blob, name, {
      ...choice,
      signal,
      onProgress: (p) => {
        if (loadCtl === ctl) set({ loadProgress: p });
      },
    });
    if (loadCtl !== ctl) return;
    loadCtl = null;
    // The new file is in: its steps start from the guess; old RFM results stay until the new ones exist.
    abortRun();
    const guess = result.guess;
    set({
      datasetName: name,
      dataSource: source,
      loadStatus: 'ready',
      loadingName: null,
      loadProgress: null,
      loadError: null,
      loadResult: result,
      fileBytes: bytes,
      fileBlob: blob,
      loadChoice: choice,
      workerRestart: null,
      kind: guess.kind,
      mapping: { ...guess.mapping },
      dateOrder: guess.dateOrder?.order ?? null,
      mappingResult: null,
      mappingError: null,
      confirmedChecks: [],
      cleaningError: null,
      rfmError: null,
    });
    void runPipeline(STAGE.mapping);
  } catch (e) {
    if (loadCtl !== ctl) return;
    loadCtl = null;
    const had = get().loadResult !== null;
    if (isAbort(e)) {
      set({ loadStatus: had ? 'ready' : 'waiting', loadingName: null, loadProgress: null, loadError: null });
      return;
    }
    set({ loadStatus: 'error', loadingName: null, loadProgress: null, loadError: toStepError(e) });
  }
}

/** Loads a file the user picked or dropped. */
export function loadFile(file: Blob, name: string, choice: LoadChoice = {}): Promise<void> {
  return runLoad(name, 'file', () => Promise.resolve({ blob: file, bytes: file.size }), choice);
}

/** Fetches the built-in sample (same origin) with byte progress, then loads it. */
export function loadSample(): Promise<void> {
  const url = `${import.meta.env.BASE_URL}sample/${SAMPLE_NAME}`;
  return runLoad(SAMPLE_NAME, 'sample', async (signal) => {
    let resp: Response;
    try {
      resp = await fetch(url, { signal });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new UserFacingError({ code: 'sample-fetch' });
    }
    if (!resp.ok || !resp.body) {
      throw new UserFacingError({ code: 'sample-fetch', status: resp.status });
    }
    const total = Number(resp.headers.get('content-length')) || 0;
    // A server may send the .gz with Content-Encoding: gzip: the browser then hands over the
    // unpacked text, so bytes read cannot be compared with Content-Length (progress is indeterminate).
    const unpacked = resp.headers.get('content-encoding') !== null;
    const reader = resp.body.getReader();
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let done = 0;
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      chunks.push(r.value);
      done += r.value.byteLength;
      set({
        loadProgress: {
          stage: 'reading',
          bytesDone: done,
          bytesTotal: unpacked ? 0 : Math.max(total, done),
          rows: 0,
          download: true,
          ...(unpacked && total > 0 ? { downloadSize: total } : {}),
        },
      });
    }
    const blob = new Blob(chunks);
    return { blob, bytes: unpacked && total > 0 ? total : blob.size };
  });
}

/** Stops the load in progress; everything stays as it was before it started. */
export function cancelLoad(): void {
  loadCtl?.abort();
}

/**
 * Stops all data work and drops the loaded data: a running load and pipeline run are cancelled (their
 * results are never written) and the data worker ends. For "Clear all local data".
 */
export function resetDataWork(): void {
  cancelLoad();
  abortRun();
  disposeDataClient();
}

let started = false;
/**
 * Honours `?sample=online-retail` once per page load. First starts the data worker the first file
 * will go to, so that its start-up overlaps picking (or downloading) the file. `before` (the page's
 * chart library, when given) is awaited before the sample is read: loading it evaluates ~1.5 MB of
 * code in one main-thread task, which then falls before the read rather than among the first results.
 */
export function startFromUrl(search: string, before?: () => Promise<unknown>): void {
  if (started) return;
  started = true;
  dataClient().warmUp();
  if (new URLSearchParams(search).get('sample') !== 'online-retail') return;
  void (before ? before().catch(() => undefined) : Promise.resolve()).then(() => loadSample());
}

// ───────────────────────────── pipeline ─────────────────────────────

const STAGE = { mapping: 0, cleaning: 1, rfm: 2 } as const;
type Stage = (typeof STAGE)[keyof typeof STAGE];

interface Run {
  readonly ctl: AbortController;
  stage: Stage;
}
let current: Run | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let pendingFrom: Stage | null = null;

function abortRun() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  pendingFrom = null;
  current?.ctl.abort();
  current = null;
}

const idle = (has: boolean): StepStatus => (has ? 'stale' : 'waiting');

/** Marks the steps from `from` on as out of date (they will be recomputed). */
function markStale(from: Stage) {
  const s = get();
  const patch: { -readonly [K in keyof DataSlice]?: DataSlice[K] } = {};
  if (from <= STAGE.mapping && s.mappingStatus !== 'running')
    patch.mappingStatus = idle(s.mappingResult !== null);
  if (from <= STAGE.cleaning && s.cleaningStatus !== 'running')
    patch.cleaningStatus = idle(s.cleaningReport !== null);
  if (from <= STAGE.rfm && s.rfmStatus !== 'running') patch.rfmStatus = idle(s.rfm !== null);
  set(patch);
}

/** Recomputes from a stage after `delayMs` (edits come in bursts: only the last one runs). */
function schedule(from: Stage, delayMs: number) {
  if (get().loadResult === null) return;
  pendingFrom = pendingFrom === null ? from : (Math.min(pendingFrom, from) as Stage);
  markStale(pendingFrom);
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    const f = pendingFrom ?? from;
    pendingFrom = null;
    void runPipeline(f);
  }, delayMs);
}

/**
 * Runs the steps from `from` to RFM in the worker. A run in progress is aborted; if it was still at
 * an earlier step, the new run starts there instead (its result is needed too).
 *
 * The requests of every step are sent at once (the worker answers them in order), so the worker goes
 * from one step to the next without waiting for this thread, which may be busy drawing charts. The
 * answers are still taken in order: a step's error stops the run there, and the later answers, which
 * were computed on a state that failed, are dropped.
 */
async function runPipeline(from: Stage): Promise<void> {
  if (get().loadResult === null) return;
  const startAt = (current ? Math.min(from, current.stage) : from) as Stage;
  current?.ctl.abort();
  const run: Run = { ctl: new AbortController(), stage: startAt };
  current = run;
  const { signal } = run.ctl;
  const live = () => current === run;
  const c = dataClient();
  markStale(startAt);
  const { kind } = get();
  if (startAt <= STAGE.mapping) {
    const missing = missingRoles(kind, get().mapping);
    if (missing.length > 0) {
      current = null;
      set({ mappingStatus: 'error', mappingError: stepError(missingColumns(kind, get().mapping, missing)) });
      markStale(STAGE.cleaning);
      return;
    }
    // The monetary definition follows the mapping (quantity × price, or an amount column).
    const rs = get().rfmSettings;
    const next = monetaryForMapping(rs, get().mapping);
    if (next !== rs) set({ rfmSettings: next });
  }
  const { mapping, dateOrder, cleaningSettings, rfmSettings } = get();
  const mappingAnswer =
    startAt <= STAGE.mapping
      ? c.applyMapping(mappingForKind(kind, mapping), kind === 'rfm' ? null : dateOrder, { signal })
      : null;
  const cleaningAnswer =
    startAt <= STAGE.cleaning && kind !== 'rfm' ? c.clean(cleaningSettings, { signal }) : null;
  const rfmAnswer = c.computeRfm(rfmSettings, { signal });
  // Answers after a failed step are never awaited: keep their rejections handled.
  for (const p of [mappingAnswer, cleaningAnswer, rfmAnswer]) p?.catch(() => undefined);
  try {
    if (mappingAnswer) {
      set({ mappingStatus: 'running' });
      const res = await mappingAnswer;
      if (!live()) return;
      const confirmed = get().confirmedChecks;
      const open = (res.checks ?? []).filter((c) => c.blocking || !confirmed.includes(c.key));
      if (open.length > 0) {
        // Never ready on an implausible mapping: the Columns cell shows the evidence and the controls.
        current = null;
        set({
          mappingResult: res,
          mappingStatus: 'error',
          mappingError: stepError({
            code: open.some((c) => c.blocking) ? 'mapping-unusable' : 'needs-confirmation',
          }),
          ...(kind === 'transactions' && res.dateOrder !== null ? { dateOrder: res.dateOrder } : {}),
        });
        markStale(STAGE.cleaning);
        return;
      }
      set({
        mappingResult: res,
        mappingStatus: 'ready',
        mappingError: null,
        ...(kind === 'transactions' && res.dateOrder !== null ? { dateOrder: res.dateOrder } : {}),
      });
    }
    if (startAt <= STAGE.cleaning) {
      run.stage = STAGE.cleaning;
      if (!cleaningAnswer) {
        set({ cleaningStatus: 'ready', cleaningReport: null, cleaningError: null });
      } else {
        set({ cleaningStatus: 'running' });
        const report = await cleaningAnswer;
        if (!live()) return;
        set({ cleaningReport: report, cleaningStatus: 'ready', cleaningError: null });
      }
    }
    run.stage = STAGE.rfm;
    set({ rfmStatus: 'running' });
    const table = await rfmAnswer;
    if (!live()) return;
    current = null;
    set({ rfm: table, rfmStatus: 'ready', rfmError: null, rfmSource: get().datasetName });
  } catch (e) {
    if (!live()) return;
    current = null;
    if (isAbort(e)) {
      markStale(run.stage);
      return;
    }
    const err = toStepError(e);
    if (run.stage === STAGE.mapping) set({ mappingStatus: 'error', mappingError: err });
    else if (run.stage === STAGE.cleaning) set({ cleaningStatus: 'error', cleaningError: err });
    else set({ rfmStatus: 'error', rfmError: err });
    markStale((run.stage + 1) as Stage);
  }
}

// ───────────────────────────── edits ─────────────────────────────

/** Sets (or clears, with undefined) the column of a role; a column serves one role at a time. */
export function setRole(role: Role, column: number | undefined): void {
  const next: Mapping = { ...get().mapping };
  if (column === undefined) delete next[role];
  else {
    for (const r of Object.keys(next) as Role[]) if (next[r] === column) delete next[r];
    next[role] = column;
  }
  set({ mapping: next });
  schedule(STAGE.mapping, 250);
}

/** Confirms a plausibility check (by key) and recomputes from the mapping. */
export function confirmCheck(key: string): void {
  const keys = get().confirmedChecks;
  if (!keys.includes(key)) set({ confirmedChecks: [...keys, key] });
  schedule(STAGE.mapping, 0);
}

export function setKind(kind: TableKind): void {
  set({ kind });
  schedule(STAGE.mapping, 0);
}

export function setDateOrder(order: DateOrder): void {
  set({ dateOrder: order });
  schedule(STAGE.mapping, 0);
}

export function setCleaning(patch: Partial<CleaningSettings>): void {
  set({ cleaningSettings: { ...get().cleaningSettings, ...patch } });
  schedule(STAGE.cleaning, 350);
}

export function setRfmSettings(patch: Partial<RfmSettings>): void {
  set({ rfmSettings: { ...get().rfmSettings, ...patch } });
  schedule(STAGE.rfm, 250);
}

/** The reference notebook's cleaning and RFM definition (see docs: rfm-definition). */
export function applyReferencePreset(): void {
  set({
    cleaningSettings: REFERENCE_PRESET.cleaning,
    rfmSettings: { ...REFERENCE_PRESET.rfm, monetary: get().rfmSettings.monetary },
  });
  schedule(STAGE.cleaning, 0);
}

/** The app's default cleaning and RFM definition. */
export function applyDefaults(): void {
  set({
    cleaningSettings: DEFAULT_CLEANING,
    rfmSettings: { ...DEFAULT_RFM, monetary: get().rfmSettings.monetary },
  });
  schedule(STAGE.cleaning, 0);
}
