/**
 * Messages between the engine worker and its helper (restart.worker.ts). `init` carries X (a copy,
 * transferred); each `run` asks for some restarts of one k and gets one `done` or `error` of the same
 * id. Typed arrays travel as transferred ArrayBuffers.
 */
import type { KMeansOptions } from '../../core/kmeans/types';
import type { ErrorResponse } from '../rpc/standard';
import type { HelperRestarts } from './restart-pool';

export type RestartRequest =
  | {
      readonly type: 'init';
      readonly id: number;
      readonly X: Float64Array;
      readonly n: number;
      readonly d: number;
    }
  | {
      readonly type: 'run';
      readonly id: number;
      readonly options: KMeansOptions;
      readonly restarts: readonly number[];
    }
  | {
      /** silhouetteScore(X, n, d, labels, k, sample) on the helper's X. */
      readonly type: 'silhouette';
      readonly id: number;
      readonly labels: Int32Array;
      readonly k: number;
      readonly sample?: { readonly size: number; readonly seed: number };
    };

export type RestartResponse =
  | { readonly type: 'ready'; readonly id: number }
  | { readonly type: 'done'; readonly id: number; readonly run: HelperRestarts }
  /** A silhouette and the milliseconds it took (the pool balances its split with it). */
  | { readonly type: 'score'; readonly id: number; readonly value: number; readonly ms: number }
  | ErrorResponse;
