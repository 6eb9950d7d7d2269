/**
 * Messages between the engine client (main thread) and engine.worker.ts. Every request carries an
 * `id`; the worker answers each with exactly one `result` or `error` of the same id, and a sweep also
 * sends `progress` messages (one per finished k) before its result. Typed arrays travel as
 * transferred ArrayBuffers in both directions.
 */
import type { KMeansOptions, KMeansResult } from '../../core/kmeans/types';
import type { PowerFit } from '../../core/transform/types';
import type { SweepResult } from '../../core/sweep/types';
import type { SweepOptions } from '../../core/sweep/sweep';
import type { Responses } from '../rpc/standard';

/** The compute paths a k-means can run on. 'plain' is the float64 typed-array loop of src/core. */
export type EngineName = 'plain' | 'tfjs-wasm' | 'tfjs-webgl' | 'tfjs-webgpu' | 'tfjs-cpu';
export const ENGINE_NAMES: readonly EngineName[] = [
  'plain',
  'tfjs-wasm',
  'tfjs-webgl',
  'tfjs-webgpu',
  'tfjs-cpu',
];

/** One engine's calibration: median milliseconds per Lloyd iteration, or null with the reason. */
export interface CalibrationEntry {
  readonly engine: string;
  readonly msPerIteration: number | null;
  readonly error?: string;
}

export interface EngineInfo {
  readonly name: EngineName;
  /** One plain sentence saying why this engine runs, e.g. what was measured. */
  readonly reason: string;
  /** WebGL renderer string, e.g. 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))', or null. */
  readonly renderer: string | null;
  /** True when WebGL (and so WebGPU) runs on a software renderer: never chosen for speed. */
  readonly software: boolean;
  readonly calibration: readonly CalibrationEntry[];
  /** How the engine was picked: measured now, reused from an earlier measurement, or forced. */
  readonly source?: 'calibrated' | 'cached' | 'override' | 'fallback';
  /** Rows and k the calibration ran on (absent for an override). */
  readonly calibratedOn?: { readonly n: number; readonly d: number; readonly k: number };
  /** Wall time of the whole calibration, backend start-up included (ms). */
  readonly calibrationMs?: number;
  /**
   * Workers a sweep ran on: 2 when the k-means restarts were split with a helper worker (plain engine,
   * large data; same result as 1), else 1. Absent for a fit.
   */
  readonly workers?: 1 | 2;
  /** Why the helper worker was dropped mid-sweep (the sweep finished on one worker, same result). */
  readonly poolFailure?: string;
}

export interface TransformResult {
  readonly fit: PowerFit;
  /** n × d row-major (d = features.length), Yeo-Johnson transformed then standardised. */
  readonly X: Float64Array;
  /** Sample skewness of each feature before and after the transform. */
  readonly skewBefore: Float64Array;
  readonly skewAfter: Float64Array;
  /**
   * The features modelled, in recency, frequency, monetary order: all three, or two when one was left
   * out (sent as an empty column). Absent on results from before a feature could be left out: all three.
   */
  readonly features?: readonly ('recency' | 'frequency' | 'monetary')[];
}

export type EngineChoice = EngineName | 'auto';

export type EngineRequest =
  | {
      readonly type: 'transform';
      readonly id: number;
      /** An empty column is a feature left out of the model (TransformResult.features). */
      readonly recency: Float64Array;
      readonly frequency: Float64Array;
      readonly monetary: Float64Array;
    }
  | {
      readonly type: 'sweep';
      readonly id: number;
      readonly X: Float64Array;
      readonly n: number;
      readonly d: number;
      readonly options: SweepOptions;
      /** 'auto' = calibrate here; a name = use it (from an override or the client's cache). */
      readonly engine: EngineChoice;
      /** When `engine` came from the client's calibration cache, the info to return unchanged. */
      readonly cached?: EngineInfo;
    }
  | {
      readonly type: 'fit';
      readonly id: number;
      readonly X: Float64Array;
      readonly n: number;
      readonly d: number;
      readonly options: KMeansOptions;
      readonly engine: EngineChoice;
      readonly cached?: EngineInfo;
    }
  | {
      readonly type: 'inverse';
      readonly id: number;
      readonly X: Float64Array;
      readonly d: number;
      readonly fit: PowerFit;
    };

export type EngineRequestType = EngineRequest['type'];

/** What each request type resolves to. */
export interface EngineResults {
  transform: TransformResult;
  sweep: SweepResult & { readonly engineInfo: EngineInfo };
  fit: KMeansResult & { readonly engineInfo: EngineInfo };
  inverse: Float64Array;
}

export type EngineResponse = Responses<
  { readonly doneK: number; readonly totalK: number },
  EngineResults[EngineRequestType]
>;

/**
 * Half-octave size bucket (n within about ±19%, same d): a calibration is reused for data of about
 * the same size and width.
 */
export function sizeBucket(n: number, d: number): string {
  return `${d}:${Math.round(Math.log2(Math.max(1, n)) * 2)}`;
}

/** The distinct ArrayBuffers under the typed arrays found in `value` (recursively), for a transfer list. */
export function collectTransferables(value: unknown, out: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  visit(value, out, 0);
  return [...out];
}

function visit(value: unknown, out: Set<ArrayBuffer>, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 8) return;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) visit(v, out, depth + 1);
    return;
  }
  for (const v of Object.values(value)) visit(v, out, depth + 1);
}
