/**
 * Apply mode: open a saved model (nothing is refitted), replay its cleaning and RFM settings on the
 * loaded file, and score every new RFM table in the apply worker — drift against the training summary
 * and, with a second analysis date or a previous customers export, the transitions. A newer run aborts
 * an older one; Cancel aborts the current one and keeps the older results (status 'stale').
 * The applied model, the second date and the previous export are kept in IndexedDB across reloads.
 */
import { parseModelJson } from '../core/model/parse-model';
import { replaySettings } from '../core/model/replay';
import type { SavedModel } from '../core/model/model-types';
import type { CleaningSettings } from '../core/clean/types';
import type { Mapping, TableKind } from '../core/ingest/types';
import type { RfmSettings } from '../core/rfm/types';
import { missingRequiredColumn } from '../core/model/required-columns';
import {
  createApplyClient,
  type ApplyClient,
  type BeforeInput,
  type RequestOutput,
} from '../workers/apply/client';
import { errorText } from '../messages/errors';
import { dataClient } from './data-client';
import type { ApplyIssue, ApplySlice, BeforeSide } from './apply-slice';
import { setCleaning, setRfmSettings } from './data-actions';
import { hasIndexedDb, loadApplied, saveApplied } from './persistence';
import { isAbort } from './step-errors';
import { useNotebook } from './store';

const set = (patch: Partial<ApplySlice>) => useNotebook.setState(patch);
const get = () => useNotebook.getState();

let client: ApplyClient | null = null;
const worker = (): ApplyClient => (client ??= createApplyClient());
let controller: AbortController | null = null;
let installed = false;

/** Any thrown value as an issue with the core's code, path and row. */
export function toIssue(e: unknown, fileName?: string): ApplyIssue {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  return {
    code: typeof o.code === 'string' ? o.code : 'apply-failed',
    message: errorText(e) ?? (typeof o.message === 'string' ? o.message : String(e)),
    path: typeof o.path === 'string' ? o.path : null,
    row: typeof o.row === 'number' ? o.row : null,
    ...(fileName === undefined ? {} : { fileName }),
  };
}

/** Subscribes apply mode to new RFM tables and restores a saved applied model (idempotent). */
export function installApplySync(): void {
  if (installed) return;
  installed = true;
  useNotebook.subscribe((s, p) => {
    if (s.applied && (s.rfm !== p.rfm || (s.rfmStatus === 'ready' && p.rfmStatus !== 'ready')))
      void runApply();
  });
  void restoreApplied();
}

async function restoreApplied(): Promise<void> {
  if (!hasIndexedDb()) return;
  try {
    const rec = await loadApplied();
    if (!rec || get().applied) return;
    const model = parseModelJson(rec.modelText);
    let previous = null;
    if (rec.previous) {
      const customers = await worker().call<'previous'>({ type: 'previous', ...rec.previous, k: model.k });
      previous = { ...rec.previous, customers };
    }
    set({
      applied: {
        model,
        text: rec.modelText,
        fileName: rec.modelFileName,
        notReplayed: replaySettings(model).notReplayed,
      },
      applyBeforeDay: rec.beforeDay,
      applyPrevious: previous,
    });
    void runApply();
  } catch {
    // An unreadable record is dropped: apply mode starts closed.
    await saveApplied(null).catch(() => undefined);
  }
}

function persist(): void {
  const s = get();
  const rec = s.applied
    ? {
        format: 1 as const,
        modelText: s.applied.text,
        modelFileName: s.applied.fileName,
        beforeDay: s.applyBeforeDay,
        previous: s.applyPrevious ? { fileName: s.applyPrevious.fileName, text: s.applyPrevious.text } : null,
        savedAt: Date.now(),
      }
    : null;
  if (hasIndexedDb()) void saveApplied(rec).catch(() => undefined);
}

/**
 * Opens a model JSON: on success apply mode starts (the saved cleaning and RFM settings replace the
 * current ones, the analysis date is the new file's default); on failure `applyOpenError` says why and
 * everything else stays as it was. Returns whether it opened.
 */
export function openModelText(text: string, fileName: string): boolean {
  let model: SavedModel;
  try {
    model = parseModelJson(text);
  } catch (e) {
    set({ applyOpenError: toIssue(e, fileName) });
    return false;
  }
  const replay = replaySettings(model);
  const prevK = get().applied?.model.k;
  set({
    applied: { model, text, fileName, notReplayed: replay.notReplayed },
    applyOpenError: null,
    // a previous export's cluster ids belong to a model with its k
    ...(prevK !== undefined && prevK !== model.k ? { applyPrevious: null } : {}),
  });
  persist();
  const s = get();
  const sameCleaning = JSON.stringify(s.cleaningSettings) === JSON.stringify(replay.cleaning);
  const sameRfm = JSON.stringify(s.rfmSettings) === JSON.stringify(replay.rfm);
  if (!sameRfm) useNotebook.setState({ rfmSettings: replay.rfm });
  if (!sameCleaning) setCleaning(replay.cleaning);
  else if (!sameRfm) setRfmSettings({});
  else void runApply();
  return true;
}

/** Leaves apply mode (the notebook fits again on the current RFM table). */
export function closeModel(): void {
  controller?.abort();
  controller = null;
  set({
    applied: null,
    applyRun: null,
    applyStatus: 'waiting',
    applyStage: null,
    applyError: null,
    applyOpenError: null,
  });
  persist();
}

export function dismissOpenError(): void {
  set({ applyOpenError: null });
}

/** Sets (or with null clears) the second analysis date ('YYYY-MM-DD') and rescores. */
export function setBeforeDay(day: string | null): void {
  set({ applyBeforeDay: day, ...(day !== null ? { applyPrevious: null } : {}) });
  persist();
  void runApply();
}

/** Reads a previous customers export as the "before"; a bad file leaves everything as it was. */
export async function openPreviousExport(text: string, fileName: string): Promise<boolean> {
  const applied = get().applied;
  if (!applied) return false;
  try {
    const customers = await worker().call<'previous'>({
      type: 'previous',
      text,
      fileName,
      k: applied.model.k,
    });
    set({ applyPrevious: { fileName, text, customers }, applyBeforeDay: null, applyOpenError: null });
  } catch (e) {
    set({ applyOpenError: toIssue(e, fileName) });
    return false;
  }
  persist();
  void runApply();
  return true;
}

export function clearPreviousExport(): void {
  set({ applyPrevious: null });
  persist();
  void runApply();
}

export function cancelApply(): void {
  controller?.abort();
}

/** Scores the reference notebook's request body with the open model. */
export function scoreRequestBody(body: string): Promise<RequestOutput> {
  const applied = get().applied;
  if (!applied) return Promise.reject(toIssue({ code: 'apply-no-model', message: 'no model is open' }));
  return worker()
    .call<'request'>({ type: 'request', model: applied.model, body })
    .catch((e: unknown) => Promise.reject(toIssue(e)));
}

/**
 * The column the replayed definition needs but the mapping lacks, as an issue (see core's rule). A
 * model that does not use monetary (an R+F model) needs no money column.
 */
export function missingColumnFor(
  kind: TableKind,
  mapping: Mapping,
  rfm: RfmSettings,
  cleaning: CleaningSettings,
  trained: SavedModel['trainingColumns'],
  features: readonly string[] = ['recency', 'frequency', 'monetary'],
): ApplyIssue | null {
  const m = missingRequiredColumn(kind, mapping, rfm, cleaning, trained, features);
  return m
    ? {
        code: 'apply-missing-column',
        message: m.trainingHeader ?? '',
        path: m.role,
        row: null,
        fileName: m.usedBy,
      }
    : null;
}

async function runApply(): Promise<void> {
  const s = get();
  const applied = s.applied;
  if (!applied) return;
  controller?.abort();
  const ac = new AbortController();
  controller = ac;
  const rfm = s.rfm;
  if (!rfm || s.rfmStatus !== 'ready') {
    set({ applyStatus: s.applyRun ? 'stale' : 'waiting', applyStage: null });
    return;
  }
  const missing = missingColumnFor(
    s.kind,
    s.mapping,
    s.rfmSettings,
    s.cleaningSettings,
    applied.model.trainingColumns,
    applied.model.features,
  );
  if (missing) {
    set({ applyStatus: 'error', applyError: missing, applyStage: null });
    return;
  }
  set({ applyStatus: 'running', applyError: null, applyStage: 'scoring' });
  try {
    let before: BeforeInput | null = null;
    let side: BeforeSide | null = null;
    if (s.applyPrevious) {
      side = { kind: 'export', fileName: s.applyPrevious.fileName, customers: s.applyPrevious.customers };
      before = { kind: 'export', customers: s.applyPrevious.customers };
    } else if (s.applyBeforeDay !== null && s.kind === 'transactions') {
      set({ applyStage: 'before-rfm' });
      const data = dataClient();
      const b = await data.rfmAtDay(s.rfmSettings, s.applyBeforeDay, { signal: ac.signal });
      if (controller !== ac) return;
      side = { kind: 'day', day: s.applyBeforeDay, rfm: b };
      before = {
        kind: 'rfm',
        customers: { ids: b.customerIds, recency: b.recency, frequency: b.frequency, monetary: b.monetary },
      };
    }
    const output = await worker().call<'score'>(
      {
        type: 'score',
        model: applied.model,
        now: { ids: rfm.customerIds, recency: rfm.recency, frequency: rfm.frequency, monetary: rfm.monetary },
        before,
      },
      { signal: ac.signal, onProgress: (stage) => controller === ac && set({ applyStage: stage }) },
    );
    if (controller !== ac) return;
    set({
      applyRun: { model: applied.model, rfm, output, before: side, finishedAt: Date.now() },
      applyStatus: 'ready',
      applyStage: null,
    });
  } catch (e) {
    if (controller !== ac) return;
    if (isAbort(e)) {
      set({
        applyStatus: get().applyRun ? 'stale' : 'waiting',
        applyStage: null,
        applyError: { code: 'cancelled', message: 'cancelled', path: null, row: null },
      });
    } else {
      // the "before" date is the usual culprit: say which input failed
      const issue = toIssue(e);
      set({ applyStatus: 'error', applyStage: null, applyError: issue });
    }
  }
}

/** Runs the scoring again (after an error or a cancel). */
export function rerunApply(): void {
  void runApply();
}

/** Reads a dropped or picked model file and opens it (see `openModelText`). */
export async function openModelFile(file: Blob, fileName: string): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    set({ applyOpenError: toIssue({ code: 'model-not-json', message: String(e) }, fileName) });
    return false;
  }
  return openModelText(text, fileName);
}
