/**
 * Actions of the model steps. The model follows the RFM table: every new `rfm` object in the data
 * slice marks Transform / Choose k / Segments / Export out of date and recomputes them in the engine
 * worker — Yeo-Johnson transform, then the k-means sweep k = 1..10 (k-means++ with the seed in the
 * store, nInit 10), then the inverse transform of every k's centroids. A newer run aborts an older
 * one; Cancel aborts the current one and leaves the older results visible as out of date.
 */
import { DEFAULT_SWEEP } from '../core/sweep/sweep';
import { clampK, copyFit, FALLBACK_K, splitCentroids, stackCentroids } from '../core/pipeline/steps';
import type { RfmTable } from '../core/rfm/types';
import { createEngineClient, type EngineClient } from '../workers/engine/client';
import type { TransformResult } from '../workers/engine/protocol';
import type { StepError } from '../core/step';
import { MODEL_FEATURES, modelFeaturesFor, type ModelFeature } from '../core/model/model-types';
import { initialModelState, type EngineOverride, type ModelSlice } from './model-slice';
import { isAbort, stepError, toStepError, type ErrorFallback } from './step-errors';
import { useNotebook } from './store';

export { FALLBACK_K };
/** Largest seed accepted (k-means++ seeds are unsigned 32-bit). */
export const MAX_SEED = 0xffffffff;

let client: EngineClient | null = null;
function engine(): EngineClient {
  if (!client) {
    client = createEngineClient();
    // A crashed engine worker was replaced by the client and the step sent again.
    client.onRestart((detail) => set({ engineRestart: detail }));
  }
  return client;
}

/** Hides the note about a restarted compute engine. */
export function dismissEngineRestart(): void {
  set({ engineRestart: null });
}

let controller: AbortController | null = null;
let installed = false;

const set = (patch: Partial<ModelSlice>) => useNotebook.setState(patch);
const get = () => useNotebook.getState();

/**
 * Subscribes the model to the data slice's `rfm` (idempotent). Called once by the app
 * (src/app/pipelines.ts `startPipelines`); recomputes at once if an RFM table is already there.
 */
export function installModelSync(): void {
  if (installed) return;
  installed = true;
  useNotebook.subscribe((state, prev) => {
    // A file is being read: start the engine worker now, so its start-up overlaps with parsing.
    if (state.loadStatus === 'running' && prev.loadStatus !== 'running') engine().warmUp();
    if (state.rfm !== prev.rfm) onRfmChanged(state.rfm);
    // Apply mode closed: fit the current table again.
    else if (state.applied === null && prev.applied !== null) onRfmChanged(state.rfm);
  });
  const rfm = get().rfm;
  if (rfm) onRfmChanged(rfm);
}

function onRfmChanged(rfm: RfmTable | null): void {
  // Apply mode (a saved model is open): nothing is refitted, see src/store/apply-actions.ts.
  if (!rfm || get().applied !== null) {
    controller?.abort();
    controller = null;
    // Everything the model derived from the old table goes; the user's seed and engine choice stay.
    const { seed: _seed, engineChoice: _engineChoice, leftOut: _leftOut, ...derived } = initialModelState;
    set(derived);
    return;
  }
  void runModel(rfm, false);
}

/** The code for a model step that failed without its own code. */
const modelFailed =
  (step: 'transform' | 'sweep'): ErrorFallback =>
  (detail) => ({ code: step === 'transform' ? 'transform-failed' : 'sweep-failed', detail });

/** Recomputes transform and sweep for `rfm`. `keepK` keeps the user's k when the new sweep has it. */
async function runModel(rfm: RfmTable, keepK: boolean): Promise<void> {
  controller?.abort();
  const ac = new AbortController();
  controller = ac;
  const s = get();
  set({
    transformStatus: 'running',
    transformError: null,
    sweepStatus: s.sweep ? 'stale' : 'waiting',
    sweepError: null,
    sweepProgress: null,
  });
  const n = rfm.customerIds.length;
  if (n < 2) {
    set({
      transformStatus: 'error',
      transformError: stepError({ code: 'too-few-customers', n }),
      sweepStatus: 'waiting',
    });
    return;
  }
  const features = modelFeaturesFor(rfm.noMoney === true, get().leftOut);
  const bad = unusableValue(rfm, features);
  if (bad) {
    set({ transformStatus: 'error', transformError: bad, sweepStatus: 'waiting' });
    return;
  }
  let transform: TransformResult;
  try {
    // The client transfers the arrays it is given: send copies, the data slice keeps its own. A
    // feature left out goes as an empty column (the engine models the others).
    const column = (f: ModelFeature) => (features.includes(f) ? rfm[f].slice() : new Float64Array(0));
    transform = await engine().transform(
      { recency: column('recency'), frequency: column('frequency'), monetary: column('monetary') },
      { signal: ac.signal },
    );
  } catch (e) {
    if (controller !== ac) return;
    if (isAbort(e)) {
      set({
        transformStatus: get().transform ? 'stale' : 'waiting',
        transformError: cancelled(),
        sweepStatus: get().sweep ? 'stale' : 'waiting',
      });
    } else {
      set({
        transformStatus: 'error',
        transformError: toStepError(e, modelFailed('transform')),
        sweepStatus: get().sweep ? 'stale' : 'waiting',
      });
    }
    return;
  }
  if (controller !== ac) return;
  set({ transform: { rfm, result: transform }, transformStatus: 'ready', transformError: null });
  await runSweep(rfm, transform, ac, keepK);
}

/**
 * The first customer whose R, F or M cannot be modelled — not finite (e.g. quantity 1e308 × price
 * 1e308 overflows to Infinity) or beyond 10^15 — named by id, so the user can find the lines.
 */
function unusableValue(rfm: RfmTable, features: readonly ModelFeature[]): StepError | null {
  for (const feature of features) {
    const col = rfm[feature];
    for (let i = 0; i < col.length; i++) {
      const v = col[i]!;
      if (Number.isFinite(v) && Math.abs(v) <= 1e15) continue;
      const customer = rfm.customerIds[i] ?? `#${i + 1}`;
      return stepError({ code: 'rfm-value-unusable', feature, customer, notANumber: Number.isNaN(v) });
    }
  }
  return null;
}

function cancelled(): StepError {
  return stepError({ code: 'cancelled' });
}

async function runSweep(
  rfm: RfmTable,
  transform: TransformResult,
  ac: AbortController,
  keepK: boolean,
): Promise<void> {
  const { seed, engineChoice } = get();
  const n = rfm.customerIds.length;
  const kMax = Math.min(DEFAULT_SWEEP.kMax, n);
  const total = kMax - DEFAULT_SWEEP.kMin + 1;
  set({ sweepStatus: 'running', sweepError: null, sweepProgress: { done: 0, total } });
  try {
    const options = { ...DEFAULT_SWEEP, seed, kMax, engine: engineChoice };
    const features = transform.features ?? MODEL_FEATURES;
    const d = features.length;
    const result = await engine().sweep(transform.X.slice(), n, d, options, {
      signal: ac.signal,
      onProgress: (done, totalK) => {
        if (controller === ac) set({ sweepProgress: { done, total: totalK } });
      },
    });
    if (controller !== ac) return;
    // Inverse-transform every k's centroids in one call (Σk ≤ 55 rows).
    const inv = await engine().inverse(stackCentroids(result.points), d, copyFit(transform.fit));
    if (controller !== ac) return;
    const centroidsOriginal = splitCentroids(result.points, inv);
    const ks = result.points.map((p) => p.k);
    const prevK = get().k;
    const suggested = result.knee.suggested ?? FALLBACK_K;
    const k = keepK && prevK !== null && ks.includes(prevK) ? prevK : clampK(suggested, ks);
    set({
      sweep: {
        rfm,
        transform,
        result,
        engineInfo: result.engineInfo,
        seed,
        engineChoice,
        nInit: options.nInit,
        maxIter: options.maxIter,
        tol: options.tol,
        algorithm: options.algorithm,
        centroidsOriginal,
        finishedAt: Date.now(),
        features,
      },
      sweepStatus: 'ready',
      sweepError: null,
      sweepProgress: null,
      k,
      clusterNames: {},
    });
    controller = null;
  } catch (e) {
    if (controller !== ac) return;
    controller = null;
    if (isAbort(e))
      set({ sweepStatus: get().sweep ? 'stale' : 'waiting', sweepError: cancelled(), sweepProgress: null });
    else set({ sweepStatus: 'error', sweepError: toStepError(e, modelFailed('sweep')), sweepProgress: null });
  }
}

/** Stops the running transform or sweep; the older results stay visible as out of date. */
export function cancelModel(): void {
  controller?.abort();
}

/** Recomputes everything for the current RFM table (keeps the chosen k when possible). */
export function rerunModel(): void {
  const rfm = get().rfm;
  if (rfm) void runModel(rfm, true);
}

/** Re-runs only the sweep (seed or engine changed); the transform is reused when it is current. */
function rerunSweep(): void {
  const { rfm, transform } = get();
  if (!rfm) return;
  if (!transform || transform.rfm !== rfm) {
    void runModel(rfm, true);
    return;
  }
  controller?.abort();
  const ac = new AbortController();
  controller = ac;
  void runSweep(rfm, transform.result, ac, true);
}

/** Sets the seed (an integer 0..2^32−1) and re-runs the sweep when it changed. */
export function setSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return;
  if (seed === get().seed) return;
  set({ seed });
  rerunSweep();
}

export function setEngineChoice(choice: EngineOverride): void {
  if (choice === get().engineChoice) return;
  set({ engineChoice: choice });
  rerunSweep();
}

/**
 * Leaves one feature out of the model (null: model all three) and fits again; at least two stay, and a
 * file without money has monetary out already (see `modelFeaturesFor`).
 */
export function setLeftOut(feature: ModelFeature | null): void {
  if (feature === get().leftOut) return;
  set({ leftOut: feature });
  rerunModel();
}

/** Chooses k among the swept values (no recomputation: every k's result is stored). */
export function setK(k: number): void {
  const sweep = get().sweep;
  if (!sweep) return;
  const ks = sweep.result.points.map((p) => p.k);
  set({ k: clampK(Math.round(k), ks) });
}

/** Names a cluster (0-based) of the model with `k` segments; an empty name means the suggestion. */
export function setClusterName(k: number, cluster: number, name: string): void {
  const names = get().clusterNames;
  const current = [...(names[k] ?? [])];
  while (current.length <= cluster) current.push('');
  current[cluster] = name.slice(0, 80);
  set({ clusterNames: { ...names, [k]: current } });
}
