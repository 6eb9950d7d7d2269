/**
 * The two-core elbow sweep: the restarts of every k are split between the engine worker (this side)
 * and one helper worker (restart.worker.ts), and combined exactly as `kmeans` does.
 *
 * Why it is exact: `kmeansRestart` is a pure function of (X, k, seed, restart, maxIter, tol, refine);
 * `kmeans` keeps the restart of lowest inertia, the lowest restart index on ties (`bestRestart`), and
 * min with that tie rule is associative, so min(best of our restarts, best of the helper's) is the
 * best of all. The metrics are then computed here on the chosen labels as `sweepK` does, so the result
 * equals `sweepK(X, n, d, options, plainStepper)` (labels, inertia, nIter, metrics, knee).
 *
 * Schedule (per k): the helper runs the last c restarts of k, this side the first nInit − c; the
 * best is combined; then the helper computes the silhouette of k (the same `silhouetteScore` on its
 * copy of X: the same value) followed by its restarts of k + 1, while this side computes
 * Calinski–Harabasz and Davies–Bouldin of k and its restarts of k + 1. c starts at ⌊nInit/2⌋ and is
 * then chosen from the measured ms per restart and the helper's last silhouette time so both sides
 * finish together. Timings only decide who runs what, never the result. Progress for k is reported
 * when its silhouette is in (one k later than sweepK while the pool runs).
 * Every message to the helper is posted synchronously (never from a promise callback, which would
 * only run after this side's synchronous work and serialise the pool).
 * Failure: if the helper fails (crash, message error) its restarts of that k are run here and the rest
 * of the sweep runs single-worker; the result is still exact.
 * Only for the plain stepper and Lloyd; the caller decides (`shouldPool`).
 */
import {
  absoluteTolerance,
  bestRestart,
  kmeansRestart,
  plainStepper,
  restartResult,
  sampledFit,
  sampledRestartsFor,
  validateKMeansInput,
  type KMeansOptions,
  type KMeansRestart,
  type RestartContext,
} from '../../core/kmeans';
import {
  fitOptions,
  pointSilhouette,
  pointWithoutSilhouette,
  sweepPlan,
  sweepPoint,
  sweepResult,
  type SweepOptions,
  type SweepPoint,
  type SweepResult,
} from '../../core/sweep';

/** Rows from which a sweep uses two workers (below, spawning the helper and copying X does not pay). */
export const POOL_MIN_N = 20_000;

/** What the helper returns for one k: the inertia of each of its restarts and its best run. */
export interface HelperRestarts {
  /** Restart indices, in the order run. */
  readonly restarts: Int32Array;
  /** Inertia of each run (same order). */
  readonly inertias: Float64Array;
  /** Its best run (lowest inertia, lowest index on ties), labels and centroids in run order. */
  readonly best: KMeansRestart;
}

/** The other worker, seen from the engine worker (a real Worker in the browser, a fake in tests). */
export interface RestartHelper {
  /** Sends X (a copy: the caller keeps its array). Resolves when the helper holds it. */
  init(X: Float64Array, n: number, d: number): Promise<void>;
  /** Runs the given restarts of one k on the X sent by `init`. */
  run(options: KMeansOptions, restarts: readonly number[]): Promise<HelperRestarts>;
  /** `silhouetteScore(X, n, d, labels, k, sample)` on the helper (the same code: the same value). */
  silhouette(
    labels: Int32Array,
    k: number,
    sample: { size: number; seed: number } | undefined,
  ): Promise<{ value: number; ms: number }>;
  /** Ends the helper (terminates the worker). Idempotent. */
  dispose(): void;
}

/** True when a sweep should use the pool: plain engine, Lloyd, several restarts, n large enough. */
export function shouldPool(
  engine: string,
  n: number,
  options: SweepOptions,
  minN: number = POOL_MIN_N,
): boolean {
  return engine === 'plain' && options.algorithm === 'lloyd' && options.nInit >= 2 && n >= minN;
}

/** The restarts of a run with the given context; the best (lowest inertia, first on ties). */
export function runRestarts(
  X: Float64Array,
  n: number,
  d: number,
  options: KMeansOptions,
  restarts: readonly number[],
  context: RestartContext,
): HelperRestarts {
  const inertias = new Float64Array(restarts.length);
  let best: KMeansRestart | null = null;
  restarts.forEach((r, i) => {
    const run = kmeansRestart(X, n, d, options, r, context);
    inertias[i] = run.inertia;
    best = best === null ? run : bestRestart([best, run]);
  });
  if (best === null) throw new Error('runRestarts: no restarts');
  return { restarts: Int32Array.from(restarts), inertias, best };
}

/**
 * `sweepK` on two workers. `makeHelper` is called once (null = no helper: single-worker); the helper
 * is disposed at the end, on error and after a failure. `onHelperFailure` is told why the helper
 * was dropped (for the engine info).
 */
export async function pooledSweep(
  X: Float64Array,
  n: number,
  d: number,
  options: SweepOptions,
  makeHelper: () => RestartHelper | null,
  onProgress?: (doneK: number, totalK: number) => void,
  onHelperFailure?: (reason: string) => void,
): Promise<SweepResult> {
  const { kMin, kMax, total, sampleSize, sample } = sweepPlan(n, options);
  const nInit = Math.max(1, options.nInit);
  const stepper = plainStepper(X, n, d);
  let helper: RestartHelper | null = null;
  let dropped = false;
  /** Drops the helper after its first failure (later rejections of its pending calls are the same one). */
  const drop = (e: unknown): void => {
    helper?.dispose();
    helper = null;
    if (!dropped) onHelperFailure?.(e instanceof Error ? e.message : String(e));
    dropped = true;
  };
  try {
    helper = makeHelper();
  } catch (e) {
    drop(e);
  }
  // X is sent first; the helper handles its messages in order, so runs need not wait for the answer
  // (an init failure rejects them). Runs are posted synchronously, never from a promise callback:
  // a callback would only run after this side's synchronous restarts and serialise the pool.
  helper?.init(X, n, d).catch(() => undefined);
  const kOptionsOf = (k: number): KMeansOptions => fitOptions(options, k);
  // A k whose fit screens its restarts on a sample (large n) runs here whole: the helper computes its
  // silhouette, in parallel with this side's other metrics and next k.
  const sampledAt = (k: number) => sampledRestartsFor(n, kOptionsOf(k));
  /** Posts the last `count` restarts of k to the helper (null: no helper, nothing to do, k past the end). */
  const postRun = (
    k: number,
    count: number,
  ): { theirs: number[]; answer: Promise<HelperRestarts> } | null => {
    if (helper === null || k > kMax || count <= 0 || sampledAt(k) !== null) return null;
    const theirs: number[] = [];
    for (let r = nInit - count; r < nInit; r++) theirs.push(r);
    const answer = helper.run(kOptionsOf(k), theirs);
    answer.catch(() => undefined);
    return { theirs, answer };
  };
  /** A point waiting for its silhouette from the helper. */
  let waiting: {
    point: Omit<SweepPoint, 'silhouette'>;
    score: Promise<{ value: number; ms: number }>;
  } | null = null;
  let helperSilhouetteMs = 0;
  const finish = async (): Promise<void> => {
    if (waiting === null) return;
    const { point, score } = waiting;
    waiting = null;
    let silhouette: number;
    try {
      const s = await score;
      silhouette = s.value;
      helperSilhouetteMs = s.ms;
    } catch (e) {
      drop(e);
      silhouette = pointSilhouette(X, n, d, point.result, sample);
    }
    points.push({ ...point, silhouette });
    onProgress?.(points.length, total);
  };
  const points: SweepPoint[] = [];
  try {
    const tolAbs = absoluteTolerance(X, n, d, options.tol);
    const labelsScratch = new Int32Array(n);
    let next = postRun(kMin, Math.floor(nInit / 2));
    for (let k = kMin; k <= kMax; k++) {
      const kOptions = kOptionsOf(k);
      validateKMeansInput(X, n, d, k);
      const context: RestartContext = {
        stepper,
        tolAbs,
        labelsScratch,
        refine: kOptions.refine ?? 'hartigan',
      };
      const remote = next;
      next = null;
      const mine: number[] = [];
      for (let r = 0; r < nInit; r++) if (remote === null || !remote.theirs.includes(r)) mine.push(r);
      const t0 = performance.now();
      const sampled = sampledAt(k);
      let best =
        sampled !== null
          ? sampledFit(X, n, d, kOptions, sampled, context)
          : runRestarts(X, n, d, kOptions, mine, context).best;
      const msPerRestart = (performance.now() - t0) / Math.max(1, mine.length);
      // the silhouette of k − 1 (computed by the helper while this side ran its restarts of k)
      await finish();
      if (remote !== null) {
        let other: HelperRestarts | null = null;
        try {
          other = await remote.answer;
          checkHelperRun(other, remote.theirs, n, k, d);
        } catch (e) {
          other = null;
          drop(e);
        }
        // after a failure, this side runs the helper's restarts (and the rest of the sweep)
        best = bestRestart([best, (other ?? runRestarts(X, n, d, kOptions, remote.theirs, context)).best]);
      }
      const result = restartResult(best, kOptions);
      const multi = k > 1;
      const h: RestartHelper | null = helper;
      if (multi && h !== null) {
        // The helper computes this silhouette, then its restarts of k + 1; this side computes the
        // other metrics, then its restarts of k + 1. Split so both finish together: this side's
        // (nInit − c) restarts ≈ helper's silhouette + c restarts (timings only move work, never results).
        const score = h.silhouette(result.labels, k, sample);
        score.catch(() => undefined);
        const c = Math.round(
          (nInit * msPerRestart - helperSilhouetteMs) / (2 * Math.max(msPerRestart, 1e-3)),
        );
        next = postRun(k + 1, Math.max(0, Math.min(nInit - 1, c)));
        waiting = { point: pointWithoutSilhouette(X, n, d, result), score };
      } else {
        next = postRun(k + 1, Math.floor(nInit / 2));
        points.push(sweepPoint(X, n, d, result, sample));
        onProgress?.(points.length, total);
      }
    }
    await finish();
  } finally {
    stepper.dispose();
    (helper as RestartHelper | null)?.dispose();
  }
  return sweepResult(points, n, kMax, sampleSize, options, stepper.name);
}

/** Rejects a helper answer that is not the shape asked for (a wrong result must never be combined). */
function checkHelperRun(
  run: HelperRestarts,
  asked: readonly number[],
  n: number,
  k: number,
  d: number,
): void {
  const b = run.best;
  const ok =
    run.restarts.length === asked.length &&
    asked.every((r, i) => run.restarts[i] === r) &&
    asked.includes(b.restart) &&
    b.labels.length === n &&
    b.centroids.length === k * d &&
    Number.isFinite(b.inertia);
  if (!ok) throw new Error('the helper worker answered with a malformed result');
}
