/**
 * The helper worker's state and requests (kept apart from restart.worker.ts so it runs in Node tests):
 * it holds X from `init`, one plain stepper and scratch labels, and runs the restarts it is asked for
 * with `kmeansRestart` (see restart-pool.ts for why the split is exact).
 */
import { absoluteTolerance, plainStepper } from '../../core/kmeans';
import { silhouetteScore } from '../../core/sweep/metrics';
import type { LloydStepper } from '../../core/kmeans/types';
import { toWireError } from '../rpc/wire-error';
import { collectTransferables } from './protocol';
import type { RestartRequest, RestartResponse } from './restart-protocol';
import { runRestarts } from './restart-pool';

export type RestartPost = (message: RestartResponse, transfer: Transferable[]) => void;

export interface RestartState {
  X: Float64Array;
  n: number;
  d: number;
  stepper: LloydStepper;
  labelsScratch: Int32Array;
  /** absoluteTolerance by relative tol (the same for every k of a sweep). */
  tolAbs: Map<number, number>;
}

/** Handles one request; returns the new state. Posts exactly one answer of the request's id. */
export function handleRestartRequest(
  state: RestartState | null,
  req: RestartRequest,
  post: RestartPost,
): RestartState | null {
  try {
    if (req.type === 'init') {
      state?.stepper.dispose();
      const next: RestartState = {
        X: req.X,
        n: req.n,
        d: req.d,
        stepper: plainStepper(req.X, req.n, req.d),
        labelsScratch: new Int32Array(req.n),
        tolAbs: new Map(),
      };
      post({ type: 'ready', id: req.id }, []);
      return next;
    }
    if (state === null) throw new Error('the helper worker got restarts before its data');
    const { X, n, d } = state;
    if (req.type === 'silhouette') {
      const t0 = performance.now();
      const value = silhouetteScore(X, n, d, req.labels, req.k, req.sample);
      post({ type: 'score', id: req.id, value, ms: performance.now() - t0 }, []);
      return state;
    }
    let tolAbs = state.tolAbs.get(req.options.tol);
    if (tolAbs === undefined) {
      tolAbs = absoluteTolerance(X, n, d, req.options.tol);
      state.tolAbs.set(req.options.tol, tolAbs);
    }
    const run = runRestarts(X, n, d, req.options, req.restarts, {
      stepper: state.stepper,
      tolAbs,
      labelsScratch: state.labelsScratch,
      refine: req.options.refine ?? 'hartigan',
    });
    post({ type: 'done', id: req.id, run }, collectTransferables(run));
    return state;
  } catch (e) {
    post({ type: 'error', id: req.id, error: toWireError(e) }, []);
    return state;
  }
}
