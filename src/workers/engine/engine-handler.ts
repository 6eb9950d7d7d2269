/**
 * What the engine worker does with each request: the pure core (src/core/transform, src/core/kmeans,
 * src/core/sweep) plus the tfjs kernels (loaded on demand, so a 'plain' run never downloads tfjs). Kept apart from
 * engine.worker.ts so it runs in Node tests without a Worker.
 */
import { kmeans, plainStepper } from '../../core/kmeans';
import { skewness } from '../../core/numeric/moments';
import { sweepK } from '../../core/sweep';
import { applyPowerTransform, fitPowerTransform, invertPowerTransform } from '../../core/transform';
import type { LloydStepperFactory } from '../../core/kmeans/types';
import {
  calibrate,
  checkAgainstPlain,
  loadTfjsEngine,
  probeRenderer,
  type RendererProbe,
} from './calibration';
import type {
  EngineChoice,
  EngineInfo,
  EngineName,
  EngineRequest,
  EngineResponse,
  EngineResults,
  TransformResult,
} from './protocol';
import { collectTransferables } from './protocol';
import { toWireError } from '../rpc/wire-error';
import { pooledSweep, shouldPool, type RestartHelper } from './restart-pool';

export type Post = (message: EngineResponse, transfer: Transferable[]) => void;

/** What the worker provides beyond messages: a second worker for large plain sweeps (restart-pool.ts). */
export interface HandlerEnv {
  /** Spawns the helper worker (null or a throw = none: single-worker). */
  readonly makeHelper?: () => RestartHelper | null;
  /** Rows from which a plain Lloyd sweep uses the helper (default POOL_MIN_N). */
  readonly poolMinN?: number;
}

/** Handles one request and posts exactly one result or error (plus progress for a sweep). */
export async function handleRequest(req: EngineRequest, post: Post, env: HandlerEnv = {}): Promise<void> {
  try {
    const result = await run(req, post, env);
    post({ type: 'result', id: req.id, result }, collectTransferables(result));
  } catch (e) {
    post({ type: 'error', id: req.id, error: toWireError(e) }, []);
  }
}

async function run(
  req: EngineRequest,
  post: Post,
  env: HandlerEnv,
): Promise<EngineResults[EngineRequest['type']]> {
  switch (req.type) {
    case 'transform':
      return transform(req.recency, req.frequency, req.monetary);
    case 'inverse':
      return invertPowerTransform(req.X, req.d, req.fit);
    case 'sweep': {
      const { engineInfo, factory } = await chooseEngine(
        req,
        calibrationK(req.options.kMin, req.options.kMax, req.n),
      );
      const progress = (doneK: number, totalK: number): void =>
        post({ type: 'progress', id: req.id, doneK, totalK }, []);
      const makeHelper = env.makeHelper;
      if (makeHelper !== undefined && shouldPool(engineInfo.name, req.n, req.options, env.poolMinN)) {
        let failure: string | null = null;
        let spawned = false;
        const result = await pooledSweep(
          req.X,
          req.n,
          req.d,
          req.options,
          () => {
            const h = makeHelper();
            spawned = h !== null;
            return h;
          },
          progress,
          (why) => (failure = why),
        );
        const info: EngineInfo = {
          ...engineInfo,
          workers: spawned && failure === null ? 2 : 1,
          ...(failure !== null ? { poolFailure: failure } : {}),
        };
        return { ...result, engine: info.name, engineInfo: info };
      }
      const result = sweepK(req.X, req.n, req.d, req.options, factory, progress);
      return { ...result, engine: engineInfo.name, engineInfo: { ...engineInfo, workers: 1 } };
    }
    case 'fit': {
      const { engineInfo, factory } = await chooseEngine(req, Math.min(req.options.k, req.n));
      const result = kmeans(req.X, req.n, req.d, req.options, factory);
      return { ...result, engineInfo };
    }
  }
}

/**
 * Yeo-Johnson fit + standardise of the model's features, with skewness before and after. An empty
 * column is a feature left out of the model (at least 2 must be given): X is n × d over the others,
 * in recency, frequency, monetary order, and `features` names them.
 */
export function transform(
  recency: Float64Array,
  frequency: Float64Array,
  monetary: Float64Array,
): TransformResult {
  const given = [
    ['recency', recency],
    ['frequency', frequency],
    ['monetary', monetary],
  ] as const;
  const kept = given.filter(([, x]) => x.length > 0);
  const features = kept.map(([f]) => f);
  const columns = kept.map(([, x]) => x);
  const fit = fitPowerTransform(columns, features);
  const X = applyPowerTransform(columns, fit);
  const n = columns[0]?.length ?? 0;
  const d = columns.length;
  const skewBefore = new Float64Array(d);
  const skewAfter = new Float64Array(d);
  const col = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    skewBefore[j] = skewness(columns[j] as Float64Array);
    for (let i = 0; i < n; i++) col[i] = X[i * d + j] as number;
    skewAfter[j] = skewness(col);
  }
  return { fit, X, skewBefore, skewAfter, features };
}

/** The k used to calibrate a sweep: the middle of its range, at least 2, at most n. */
export function calibrationK(kMin: number, kMax: number, n: number): number {
  return Math.max(1, Math.min(n, Math.max(2, Math.round((kMin + kMax) / 2))));
}

let rendererProbe: Promise<RendererProbe> | null = null;
function renderer(): Promise<RendererProbe> {
  rendererProbe ??= probeRenderer();
  return rendererProbe;
}

/**
 * Starts the GPU probe now (the worker entry calls it at start-up, while the file is still being
 * read): in the page its first WebGL context took 170–230 ms, which the first sweep waited for.
 */
export function startRendererProbe(): void {
  void renderer();
}

/**
 * Resolves the engine for a run: 'auto' calibrates on this data; a name from the client's cache is
 * reused with its info; any other name is an override. A tfjs engine that cannot start falls back
 * to plain, and the reason says so.
 */
/** What a sweep or fit request says about its data and the engine to use. */
export interface EngineQuery {
  readonly engine: EngineChoice;
  readonly cached?: EngineInfo;
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
}

export async function chooseEngine(
  { engine: choice, cached, X, n, d }: EngineQuery,
  k: number,
): Promise<{ engineInfo: EngineInfo; factory: LloydStepperFactory }> {
  const probe = await renderer();
  if (choice === 'auto') {
    const engineInfo = await calibrate(X, n, d, k, probe);
    return { engineInfo, factory: await factoryFor(engineInfo.name) };
  }
  const base = cached ?? {
    name: choice,
    reason: `${ENGINE_NAMES[choice]}, chosen by you (engine override).`,
    renderer: probe.webgl.renderer,
    software: probe.webgl.software,
    calibration: [],
    source: 'override' as const,
  };
  let why: string;
  try {
    const factory = await factoryFor(choice);
    // A forced engine that was not measured here is checked once against plain (one step each).
    const wrong =
      cached === undefined && choice !== 'plain' ? checkAgainstPlain(choice, factory, X, n, d, k) : null;
    if (wrong === null) return { engineInfo: base, factory };
    why = wrong;
  } catch (e) {
    why = `could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
  return {
    engineInfo: {
      ...base,
      name: 'plain',
      reason: `${ENGINE_NAMES[choice]} ${why.replace(/\.+$/, '')}; plain typed arrays ran instead.`,
      source: 'fallback',
    },
    factory: plainStepper,
  };
}

async function factoryFor(name: EngineName): Promise<LloydStepperFactory> {
  if (name === 'plain') return plainStepper;
  return loadTfjsEngine(name);
}

/** A short human name for each engine. */
export const ENGINE_NAMES: Readonly<Record<EngineName, string>> = {
  plain: 'plain typed arrays (float64)',
  'tfjs-wasm': 'TensorFlow.js WebAssembly',
  'tfjs-webgl': 'TensorFlow.js WebGL',
  'tfjs-webgpu': 'TensorFlow.js WebGPU',
  'tfjs-cpu': 'TensorFlow.js CPU',
};
