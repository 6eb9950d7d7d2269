/**
 * Never lose work: the session is saved in this browser (IndexedDB, see persistence.ts) as the user
 * works, offered back after a reload and restored by REPLAYING the pipeline on the saved file with the
 * saved settings — same mapping, cleaning, RFM definition, seed and engine give the same RFM table and
 * the same k-means labels (seeded k-means++), so nothing but the inputs needs to be stored. The saved
 * summary (customers, inertia per k) is compared with the replay's and any difference is reported.
 *
 * The session's own state (offer, restoring, messages, save errors) lives in a tiny external store
 * here (`useSession` via useSyncExternalStore in the UI): it is about the browser, not the notebook.
 */
import { isModelFeature } from '../core/model/model-types';
import { compareSummary, settingsOf, summaryOf } from './session-summary';
import { deleteRunsDatabase } from './runs-db';
import type { NotebookState } from './store';
import { useNotebook } from './store';
import type { StepError } from '../core/step';
import { initialDataState } from './data-slice';
import { initialModelState } from './model-slice';
import { initialProfileState } from './profile-slice';
import { initialRfmScoresState } from './rfm-scores-slice';
import { loadFile, loadSample, resetDataWork } from './data-actions';
import { stepError, toStepError } from './step-errors';
import type { SessionNoticeFacts } from '../messages/session';
import { cancelModel, setK } from './model-actions';
import {
  deleteDatabase,
  hasIndexedDb,
  loadSession,
  saveFile,
  saveSettings,
  storageError,
  type SavedSession,
} from './persistence';

/** Delay between the last edit and the save of the settings record. */
export const SAVE_DELAY_MS = 600;

/** The outcome of the last restore or clear, as facts (src/messages/session.ts writes the words). */
export type SessionNotice = SessionNoticeFacts;

export interface SessionState {
  /** A saved session offered for restore (null once answered, or when there is none). */
  readonly offer: SavedSession | null;
  readonly restoring: boolean;
  /** Outcome of the last restore or clear. */
  readonly notice: SessionNotice | null;
  /** Why the session is not being saved (quota, storage off); null while saving works. */
  readonly saveError: StepError | null;
  /** When the settings were last written (ms), null before the first save. */
  readonly savedAt: number | null;
}

const initialSession: SessionState = {
  offer: null,
  restoring: false,
  notice: null,
  saveError: null,
  savedAt: null,
};
let session: SessionState = initialSession;
const listeners = new Set<() => void>();

function setSession(patch: Partial<SessionState>): void {
  session = { ...session, ...patch };
  for (const l of listeners) l();
}
export function getSession(): SessionState {
  return session;
}
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// ───────────────────────────── saving ─────────────────────────────

let installed = false;
let timer: ReturnType<typeof setTimeout> | null = null;
/** Saving is off while a restore replays (the partial state must not overwrite the saved one). */
let paused = false;
/** The blob whose file record is stored (settings are saved only for it). */
let savedBlobFor: { blob: Blob | null; name: string } | null = null;
let fileWrite: Promise<boolean> = Promise.resolve(false);

/** The parts of the state a saved session holds: a change to any of them saves again. */
const RELEVANT: readonly (keyof NotebookState)[] = [
  'datasetName',
  'kind',
  'mapping',
  'dateOrder',
  'cleaningSettings',
  'rfmSettings',
  'seed',
  'engineChoice',
  'leftOut',
  'k',
  'clusterNames',
  'scoreSettings',
  'scoreRules',
  'rfm',
  'sweep',
];

function relevantChanged(s: NotebookState, p: NotebookState): boolean {
  return RELEVANT.some((key) => s[key] !== p[key]);
}

/** Starts saving the session as the user works (idempotent). */
export function installSessionSaver(): void {
  if (installed) return;
  installed = true;
  useNotebook.subscribe((s, p) => {
    if (paused) return;
    const newFile = s.loadResult !== p.loadResult && s.loadResult !== null && s.datasetName !== null;
    if (newFile) {
      // A new file replaces the saved session: the offer (if still open) is withdrawn.
      if (session.offer) setSession({ offer: null });
      fileWrite = writeFile(s);
    }
    if (newFile || relevantChanged(s, p)) scheduleSettings();
  });
}

async function writeFile(s: NotebookState): Promise<boolean> {
  const name = s.datasetName!;
  const source = s.dataSource ?? 'file';
  const blob = source === 'sample' ? null : s.fileBlob;
  if (source === 'file' && blob === null) return false;
  try {
    await saveFile({ name, source, blob, byteLength: s.fileBytes ?? blob?.size ?? 0, savedAt: Date.now() });
    savedBlobFor = { blob, name };
    if (session.saveError) setSession({ saveError: null });
    return true;
  } catch (e) {
    savedBlobFor = null;
    setSession({ saveError: toStepError(storageError(e, 'a copy of the file', blob?.size)) });
    // No stale offer of an older file after a reload: drop what is there (best effort).
    await deleteDatabase().catch(() => undefined);
    return false;
  }
}

function scheduleSettings(): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void flushSettings();
  }, SAVE_DELAY_MS);
}

/** Writes the settings record now (after the file record of the same file is in). */
export async function flushSettings(): Promise<void> {
  if (timer !== null) {
    clearTimeout(timer);
    timer = null;
  }
  if (paused) return;
  const ok = await fileWrite;
  const s = useNotebook.getState();
  if (!ok || savedBlobFor === null || savedBlobFor.name !== s.datasetName) return;
  const rec = settingsOf(s, Date.now());
  if (!rec) return;
  try {
    await saveSettings(rec);
    setSession({ savedAt: rec.savedAt, saveError: null });
  } catch (e) {
    setSession({ saveError: toStepError(storageError(e, 'your settings')) });
  }
}

// ───────────────────────────── offer / restore ─────────────────────────────

let initStarted = false;

/** Looks for a saved session once per page load and offers it. */
export async function initSession(): Promise<void> {
  installSessionSaver();
  if (initStarted) return;
  initStarted = true;
  if (!hasIndexedDb()) {
    setSession({
      saveError: stepError({ code: 'storage-unavailable', session: true }),
    });
    return;
  }
  try {
    const saved = await loadSession();
    // Offer only while nothing else was loaded meanwhile (e.g. ?sample=online-retail).
    if (saved && useNotebook.getState().loadResult === null) setSession({ offer: saved });
  } catch (e) {
    setSession({ saveError: toStepError(storageError(e, 'your session')) });
  }
}

/** Declines the offer (the saved session stays until another file is loaded or data is cleared). */
export function dismissOffer(): void {
  setSession({ offer: null });
}

const failed = (s: NotebookState): StepError | null =>
  (s.loadStatus === 'error' && s.loadError) ||
  (s.mappingStatus === 'error' && s.mappingError) ||
  (s.cleaningStatus === 'error' && s.cleaningError) ||
  (s.rfmStatus === 'error' && s.rfmError) ||
  (s.transformStatus === 'error' && s.transformError) ||
  (s.sweepStatus === 'error' && s.sweepError) ||
  null;

/** Resolves when the model is ready for the current RFM table, or with the first error. */
function untilModelled(wantSweep: boolean): Promise<StepError | null> {
  return new Promise((resolve) => {
    const check = (s: NotebookState): boolean => {
      const err = failed(s);
      if (err) {
        resolve(err);
        return true;
      }
      const rfmDone = s.rfmStatus === 'ready' && s.rfm !== null;
      if (
        rfmDone &&
        (!wantSweep || (s.sweepStatus === 'ready' && s.sweep !== null && s.sweep.rfm === s.rfm))
      ) {
        resolve(null);
        return true;
      }
      return false;
    };
    if (check(useNotebook.getState())) return;
    const unsub = useNotebook.subscribe((s) => {
      if (check(s)) unsub();
    });
  });
}

/**
 * Restores the offered session: reloads the saved file, applies the saved mapping, date order,
 * cleaning and RFM settings, seed and engine, lets the pipeline recompute, then sets the saved k and
 * cluster names and checks the numbers against the saved summary.
 */
export async function restoreSession(): Promise<void> {
  const saved = session.offer;
  if (!saved || session.restoring) return;
  const { file, settings } = saved;
  paused = true;
  setSession({ offer: null, restoring: true, notice: null });
  let unsub: (() => void) | null = null;
  try {
    if (settings) {
      useNotebook.setState({
        cleaningSettings: settings.cleaningSettings,
        rfmSettings: settings.rfmSettings,
        seed: settings.seed,
        engineChoice: settings.engineChoice,
        leftOut: isModelFeature(settings.leftOut) ? settings.leftOut : null,
        ...(settings.rfmScores && Array.isArray(settings.rfmScores.rules)
          ? {
              scoreSettings: settings.rfmScores.settings,
              scoreRules: settings.rfmScores.rules,
              rulesPreset: settings.rfmScores.preset,
            }
          : {}),
      });
      // The load sets the guessed mapping and starts the pipeline in the same tick: the saved
      // mapping replaces the guess synchronously, before the pipeline reads it.
      let pending = true;
      unsub = useNotebook.subscribe((s, p) => {
        if (!pending || s.loadResult === p.loadResult || s.loadResult === null) return;
        pending = false;
        useNotebook.setState({
          kind: settings.kind,
          mapping: { ...settings.mapping },
          dateOrder: settings.dateOrder,
        });
      });
    }
    if (file.source === 'sample') await loadSample();
    else if (file.blob) await loadFile(file.blob, file.name, settings?.loadChoice ?? {});
    unsub?.();
    unsub = null;
    const st = useNotebook.getState();
    if (st.loadStatus !== 'ready' || st.datasetName !== file.name) {
      setSession({ notice: { code: 'restore-failed', reason: st.loadError?.message ?? null } });
      return;
    }
    const wantSweep = settings !== null && settings.k !== null;
    const err = await untilModelled(wantSweep);
    if (err) {
      setSession({ notice: { code: 'restored-to-error', reason: err.message } });
      return;
    }
    if (settings && settings.k !== null) {
      setK(settings.k);
      useNotebook.setState({ clusterNames: settings.clusterNames });
    }
    const now = useNotebook.getState();
    const diffs = settings ? compareSummary(settings.summary, summaryOf(now)) : [];
    setSession({
      notice:
        diffs.length === 0
          ? {
              code: 'restored',
              fileName: file.name,
              savedAt: settings?.savedAt ?? file.savedAt,
              customers: now.rfm ? now.rfm.customerIds.length : null,
              k: now.k,
              inertiasCompared: settings !== null && settings.summary.inertias.length > 0,
            }
          : { code: 'restored-differently', fileName: file.name, diffs },
    });
  } catch (e) {
    setSession({ notice: { code: 'restore-failed', reason: toStepError(e).message } });
  } finally {
    unsub?.();
    paused = false;
    setSession({ restoring: false });
    // The restored state is the session now: make sure the file and settings records match it.
    const s = useNotebook.getState();
    if (s.loadResult !== null) {
      savedBlobFor = { blob: file.blob, name: file.name };
      fileWrite = Promise.resolve(true);
      void flushSettings();
    }
  }
}

// ───────────────────────────── clear ─────────────────────────────

/**
 * Removes everything the app keeps in this browser (the IndexedDB database) and resets the notebook
 * to its first state. Work in progress is cancelled.
 */
export async function clearAllLocalData(): Promise<void> {
  paused = true;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  try {
    resetDataWork();
    cancelModel();
    useNotebook.setState({
      ...initialDataState,
      ...initialModelState,
      ...initialProfileState,
      ...initialRfmScoresState,
    });
    savedBlobFor = null;
    fileWrite = Promise.resolve(false);
    await deleteDatabase();
    await deleteRunsDatabase();
    setSession({
      offer: null,
      saveError: null,
      savedAt: null,
      notice: { code: 'cleared' },
    });
  } catch (e) {
    setSession({ notice: { code: 'clear-failed', reason: toStepError(e).message } });
  } finally {
    paused = false;
  }
}
