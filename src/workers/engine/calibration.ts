/**
 * Picks the fastest k-means engine for this machine and this data size by measuring it.
 *
 * For each candidate — plain typed arrays, tfjs WebAssembly, and tfjs WebGL / WebGPU only when the
 * GPU is not a software renderer — a stepper is made on the actual matrix (n × d), one Lloyd
 * iteration is run as a warm-up (JIT, wasm start-up, shader compilation), then 3–5 timed iterations
 * from the same k starting centroids (rows spread evenly through the data, so no randomness). The
 * engine with the lowest median ms/iteration wins; plain wins unless another is at least 10% faster
 * (it is float64 and needs no start-up). tfjs CPU is never a candidate: it is always slower than plain.
 *
 * Timings are wall-clock `performance.now()` in the worker; each tfjs step ends with a synchronous
 * read-back (labels, sums, inertia), so queued GPU work is included.
 */
import { naiveStepper, plainStepper } from '../../core/kmeans';
import type { LloydStepperFactory } from '../../core/kmeans/types';
import {
  detectWebGl,
  detectWebGpu,
  softwareRendererName,
  type WebGlInfo,
  type WebGpuInfo,
} from '../../kernels/renderer';
import type { CalibrationEntry, EngineInfo, EngineName } from './protocol';

export interface RendererProbe {
  readonly webgl: WebGlInfo;
  readonly webgpu: WebGpuInfo;
}

export async function probeRenderer(): Promise<RendererProbe> {
  const webgl = detectWebGl();
  const webgpu = await detectWebGpu();
  return { webgl, webgpu };
}

const TF_BACKEND = {
  'tfjs-wasm': 'wasm',
  'tfjs-webgl': 'webgl',
  'tfjs-webgpu': 'webgpu',
  'tfjs-cpu': 'cpu',
} as const;

/** Starts the tfjs backend behind `name` (loading tfjs on first use) and returns its stepper factory. */
export async function loadTfjsEngine(name: Exclude<EngineName, 'plain'>): Promise<LloydStepperFactory> {
  const [{ initBackend }, { tfjsStepper }] = await Promise.all([
    import('../../kernels/backend'),
    import('../../kernels/tfjs-lloyd'),
  ]);
  await initBackend(TF_BACKEND[name]);
  return tfjsStepper;
}

/**
 * Below this plain ms/iteration a whole sweep costs less than starting TensorFlow.js (0.3–0.8 s
 * measured here to load tfjs and compile a backend), so tfjs engines are not loaded at all.
 */
export const PLAIN_FAST_ENOUGH_MS = 2;
const NOT_WORTH_LOADING = `not measured: plain typed arrays need under ${PLAIN_FAST_ENOUGH_MS} ms per iteration at this size, less than starting TensorFlow.js would cost`;

const MIN_TIMED = 3;
const MAX_TIMED = 5;
/** After MIN_TIMED iterations, stop timing once this much time was spent on one engine (ms). */
const TIME_BUDGET_MS = 1500;

/**
 * Median ms per Lloyd iteration of `factory` on X (n × d) with k centroids, after one warm-up, and
 * the inertia of that warm-up step (to check the engine against plain). The stepper is disposed
 * before returning.
 */
export function timeIterations(
  factory: LloydStepperFactory,
  X: Float64Array,
  n: number,
  d: number,
  k: number,
): { msPerIteration: number; inertia: number } {
  const start = spreadCentroids(X, n, d, k);
  const stepper = factory(X, n, d);
  try {
    const t0 = performance.now();
    const { inertia } = stepper.step(start, k);
    const warmUp = performance.now() - t0;
    const times: number[] = [];
    let spent = 0;
    // A very slow engine (warm-up over the whole budget) is timed on one iteration only.
    const max = warmUp > TIME_BUDGET_MS ? 1 : MAX_TIMED;
    while (times.length < max && (times.length < MIN_TIMED || spent < TIME_BUDGET_MS)) {
      const t = performance.now();
      stepper.step(start, k);
      const dt = performance.now() - t;
      times.push(dt);
      spent += dt;
    }
    times.sort((a, b) => a - b);
    return { msPerIteration: times[Math.floor(times.length / 2)] as number, inertia };
  } finally {
    stepper.dispose();
  }
}

/** Largest relative inertia difference from plain (float64) that a float32 engine may show. */
const INERTIA_TOLERANCE = 1e-3;

/**
 * Why an engine's inertia for one step disagrees with plain's, or null when it agrees (a GPU
 * driver or backend can return wrong numbers, e.g. WebGPU read-backs on SwiftShader gave zeros).
 */
export function disagreement(name: string, inertia: number, plainInertia: number): string | null {
  if (
    Number.isFinite(inertia) &&
    Math.abs(inertia - plainInertia) <= INERTIA_TOLERANCE * Math.abs(plainInertia)
  ) {
    return null;
  }
  return `gave wrong results on this device (inertia ${inertia.toPrecision(6)} vs ${plainInertia.toPrecision(6)} in float64), so ${LABEL[name] ?? name} is not used`;
}

/** One step of `factory` checked against one plain step from the same centroids (null = agrees). */
export function checkAgainstPlain(
  name: string,
  factory: LloydStepperFactory,
  X: Float64Array,
  n: number,
  d: number,
  k: number,
): string | null {
  const start = spreadCentroids(X, n, d, k);
  const run = (f: LloydStepperFactory): number => {
    const s = f(X, n, d);
    try {
      return s.step(start, k).inertia;
    } finally {
      s.dispose();
    }
  };
  return disagreement(name, run(factory), run(plainStepper));
}

/** k rows spread evenly through the data (row ⌊(j + ½)·n/k⌋), as a k × d matrix. */
export function spreadCentroids(X: Float64Array, n: number, d: number, k: number): Float64Array {
  const c = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    const row = Math.min(n - 1, Math.floor(((j + 0.5) * n) / k));
    for (let t = 0; t < d; t++) c[j * d + t] = X[row * d + t] as number;
  }
  return c;
}

/** Measures the candidates on this data and returns the chosen engine, its reason and all timings. */
export async function calibrate(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  probe: RendererProbe,
  options: { readonly plainFastEnoughMs?: number } = {},
): Promise<EngineInfo> {
  const fastEnough = options.plainFastEnoughMs ?? PLAIN_FAST_ENOUGH_MS;
  const t0 = performance.now();
  const entries: CalibrationEntry[] = [];
  // The plain stepper keeps Hamerly bounds between calls: stepping it again from the same centroids
  // would skip almost every distance and look far faster than a real iteration. Its bound-free twin
  // does the full work of one iteration (an upper bound of plain's cost in a sweep).
  const plain = timeIterations(naiveStepper, X, n, d, k);
  entries.push({ engine: 'plain', msPerIteration: plain.msPerIteration });

  const candidates: Exclude<EngineName, 'plain' | 'tfjs-cpu'>[] = ['tfjs-wasm'];
  const gpuSoftware = probe.webgl.software || probe.webgpu.software;
  const softName =
    softwareRendererName(probe.webgl.renderer) ?? softwareRendererName(probe.webgpu.adapter) ?? 'software';
  if (!probe.webgl.available)
    entries.push({ engine: 'tfjs-webgl', msPerIteration: null, error: 'WebGL is not available' });
  else if (probe.webgl.software)
    entries.push({
      engine: 'tfjs-webgl',
      msPerIteration: null,
      error: `skipped: software renderer (${softName})`,
    });
  else candidates.push('tfjs-webgl');
  if (!probe.webgpu.available)
    entries.push({ engine: 'tfjs-webgpu', msPerIteration: null, error: 'WebGPU is not available' });
  else if (gpuSoftware)
    entries.push({
      engine: 'tfjs-webgpu',
      msPerIteration: null,
      error: `skipped: software renderer (${softName})`,
    });
  else candidates.push('tfjs-webgpu');

  for (const name of candidates) {
    if (plain.msPerIteration < fastEnough) {
      entries.push({ engine: name, msPerIteration: null, error: NOT_WORTH_LOADING });
      continue;
    }
    try {
      const factory = await loadTfjsEngine(name);
      const timed = timeIterations(factory, X, n, d, k);
      const wrong = disagreement(name, timed.inertia, plain.inertia);
      entries.push(
        wrong === null
          ? { engine: name, msPerIteration: timed.msPerIteration }
          : { engine: name, msPerIteration: null, error: wrong },
      );
    } catch (e) {
      entries.push({ engine: name, msPerIteration: null, error: e instanceof Error ? e.message : String(e) });
    }
  }

  const measured = entries.filter(
    (e): e is CalibrationEntry & { msPerIteration: number } => e.msPerIteration !== null,
  );
  const plainMs = measured.find((e) => e.engine === 'plain')?.msPerIteration ?? Infinity;
  let best: { engine: string; msPerIteration: number } = { engine: 'plain', msPerIteration: plainMs };
  for (const e of measured) {
    if (e.engine !== 'plain' && e.msPerIteration < best.msPerIteration && e.msPerIteration < 0.9 * plainMs)
      best = e;
  }
  const order: string[] = ['plain', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu'];
  entries.sort((a, b) => order.indexOf(a.engine) - order.indexOf(b.engine));
  return {
    name: best.engine as EngineName,
    reason: reasonSentence(best, entries, n, d, k, gpuSoftware ? softName : null),
    renderer: probe.webgl.renderer,
    software: probe.webgl.software,
    calibration: entries,
    source: 'calibrated',
    calibratedOn: { n, d, k },
    calibrationMs: performance.now() - t0,
  };
}

const LABEL: Record<string, string> = {
  plain: 'plain typed arrays',
  'tfjs-wasm': 'WebAssembly',
  'tfjs-webgl': 'WebGL',
  'tfjs-webgpu': 'WebGPU',
  'tfjs-cpu': 'TensorFlow.js CPU',
};

/** e.g. "plain typed arrays: 0.15 ms per iteration vs WebAssembly 0.91 ms (measured on 4,338 rows × 3, k = 6); WebGL and WebGPU skipped: software renderer (SwiftShader)." */
function reasonSentence(
  best: { engine: string; msPerIteration: number },
  entries: readonly CalibrationEntry[],
  n: number,
  d: number,
  k: number,
  software: string | null,
): string {
  const others = entries
    .filter((e) => e.engine !== best.engine && e.msPerIteration !== null)
    .map((e) => `${LABEL[e.engine] ?? e.engine} ${formatMs(e.msPerIteration as number)}`);
  let s = `${LABEL[best.engine] ?? best.engine}: ${formatMs(best.msPerIteration)} per iteration`;
  if (others.length > 0) s += ` vs ${others.join(', ')}`;
  s += ` (measured on ${n.toLocaleString('en-US')} rows × ${d}, k = ${k})`;
  const failed = entries.filter(
    (e) => e.msPerIteration === null && !(software !== null && e.error?.startsWith('skipped')),
  );
  if (software !== null) {
    const skipped = entries
      .filter((e) => e.error?.startsWith('skipped'))
      .map((e) => LABEL[e.engine] ?? e.engine);
    if (skipped.length > 0) s += `; ${skipped.join(' and ')} skipped: software renderer (${software})`;
  }
  const notLoaded = failed
    .filter((e) => e.error === NOT_WORTH_LOADING)
    .map((e) => LABEL[e.engine] ?? e.engine);
  if (notLoaded.length > 0)
    s += `; ${notLoaded.join(' and ')} not tried: at this size the plain loop finishes before TensorFlow.js could start`;
  for (const f of failed) {
    if (f.error !== NOT_WORTH_LOADING) s += `; ${LABEL[f.engine] ?? f.engine}: ${f.error ?? 'unavailable'}`;
  }
  return `${s}.`;
}

function formatMs(ms: number): string {
  const digits = ms < 1 ? 2 : ms < 10 ? 1 : 0;
  return `${ms.toFixed(digits)} ms`;
}
