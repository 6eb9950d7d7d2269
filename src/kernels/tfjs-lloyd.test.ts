import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kmeans, plainStepper } from '../core/kmeans';
import { applyPowerTransform, fitPowerTransform } from '../core/transform/power-transform';
import type { LloydStepperFactory } from '../core/kmeans/types';
import { initBackend, type TfBackendName } from './backend';
import { blockSize, tfjsStepper } from './tfjs-lloyd';

/** The reference notebook's RFM table (3,014 customers), Yeo-Johnson transformed and standardised. */
function loadRfm(): { X: Float64Array; raw: Float64Array[]; n: number } {
  const path = fileURLToPath(new URL('../../fixtures/online-retail-rfm-2011h2.csv', import.meta.url));
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1);
  const cols = [0, 1, 2].map(() => new Float64Array(lines.length));
  lines.forEach((line, i) => line.split(',').forEach((v, j) => ((cols[j] as Float64Array)[i] = Number(v))));
  return { X: applyPowerTransform(cols, fitPowerTransform(cols)), raw: cols, n: lines.length };
}

/** k rows spread through the data, as starting centroids. */
function startCentroids(X: Float64Array, n: number, d: number, k: number): Float64Array {
  const c = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    const row = (Math.floor(((j + 0.37) * n) / k) + 13 * j) % n; // + 13j: distinct rows in tiled data
    for (let t = 0; t < d; t++) c[j * d + t] = X[row * d + t] as number;
  }
  return c;
}

/** Gap between the nearest and second-nearest centroid of row i, relative to the nearest (float64). */
function tieGap(X: Float64Array, d: number, c: Float64Array, k: number, i: number): number {
  const ds: number[] = [];
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += ((X[i * d + t] as number) - (c[j * d + t] as number)) ** 2;
    ds.push(s);
  }
  ds.sort((a, b) => a - b);
  return ((ds[1] as number) - (ds[0] as number)) / Math.max(1e-12, ds[0] as number);
}

/** Runs `steps` Lloyd steps from the same centroids with both steppers and checks they agree. */
function compareSteps(
  factory: LloydStepperFactory,
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  steps: number,
  inertiaTol = 1e-4,
) {
  const plain = plainStepper(X, n, d);
  const tfs = factory(X, n, d);
  let c = startCentroids(X, n, d, k);
  let nearTies = 0;
  try {
    for (let s = 0; s < steps; s++) {
      const a = plain.step(c, k);
      const b = tfs.step(c, k);
      expect(b.labels.length).toBe(n);
      expect(b.centroids.length).toBe(k * d);
      for (let i = 0; i < n; i++) {
        if (a.labels[i] !== b.labels[i]) {
          // Only rows whose two nearest centroids are within float32 rounding may differ.
          expect(tieGap(X, d, c, k, i)).toBeLessThan(1e-4);
          nearTies++;
        }
      }
      expect(Math.abs(b.inertia - a.inertia) / a.inertia).toBeLessThan(inertiaTol);
      for (let q = 0; q < k * d; q++) {
        const ref = a.centroids[q] as number;
        if (Number.isNaN(ref)) expect(b.centroids[q]).toBeNaN();
        else
          expect(Math.abs((b.centroids[q] as number) - ref)).toBeLessThan(1e-4 * Math.max(1, Math.abs(ref)));
      }
      // Continue from the plain (float64) centroids, copied (the plain stepper reuses its buffers);
      // an empty cluster keeps its previous centre, as the caller would relocate it.
      const next = a.centroids.slice();
      for (let q = 0; q < k * d; q++) if (Number.isNaN(next[q] as number)) next[q] = c[q] as number;
      c = next;
    }
  } finally {
    plain.dispose();
    tfs.dispose();
  }
  return nearTies;
}

const backends: TfBackendName[] = ['cpu', 'wasm'];

describe.each(backends)('tfjs Lloyd stepper on the %s backend', (backend) => {
  const { X, raw, n } = loadRfm();
  const d = 3;

  beforeAll(async () => {
    await initBackend(backend);
  });

  it('names itself after the backend', () => {
    const s = tfjsStepper(X, n, d);
    expect(s.name).toBe(`tfjs-${backend}`);
    s.dispose();
  });

  it('matches the plain float64 step on the transformed RFM table (k = 1, 4, 10)', () => {
    expect(n).toBe(3014);
    expect(n % blockSize(n)).not.toBe(0); // the zero-padded two-stage sum is exercised
    let ties = 0;
    for (const k of [1, 4, 10]) ties += compareSteps(tfjsStepper, X, n, d, k, 4);
    expect(ties).toBeLessThan(5);
  });

  it('matches the plain step on wider data (d = 6)', () => {
    // Wider real data: the transformed columns beside the raw ones standardised.
    const d6 = 6;
    const X6 = new Float64Array(n * d6);
    for (let j = 0; j < 3; j++) {
      const col = raw[j] as Float64Array;
      let mean = 0;
      for (let i = 0; i < n; i++) mean += col[i] as number;
      mean /= n;
      let v = 0;
      for (let i = 0; i < n; i++) v += ((col[i] as number) - mean) ** 2;
      const sd = Math.sqrt(v / n);
      for (let i = 0; i < n; i++) {
        X6[i * d6 + j] = X[i * 3 + j] as number;
        X6[i * d6 + 3 + j] = ((col[i] as number) - mean) / sd;
      }
    }
    compareSteps(tfjsStepper, X6, n, d6, 5, 3);
  });

  it('gives an empty cluster a NaN centroid row', () => {
    const s = tfjsStepper(X, n, d);
    try {
      const c = startCentroids(X, n, d, 2);
      c.set([1e6, 1e6, 1e6], 3); // no row is nearest to this centroid
      const r = s.step(c, 2);
      expect(Number.isNaN(r.centroids[3] as number)).toBe(true);
      expect(r.labels.every((l) => l === 0)).toBe(true);
    } finally {
      s.dispose();
    }
  });

  // The cpu backend accumulates in float64 (and is slow at this size); wasm is the one that drifts.
  const sumsTitle =
    backend === 'cpu'
      ? 'keeps two-stage sums accurate on 602,800 rows offset from zero (skipped on the cpu backend: it sums in float64; only wasm drifts)'
      : 'keeps two-stage sums accurate on 602,800 rows offset from zero';
  it.skipIf(backend === 'cpu')(sumsTitle, () => {
    // The real table repeated 200 times and shifted by +3 in every column: a one-pass float32 sum
    // of 602,800 positive distances drifts (wasm: ~3e-5 relative); blocks of √n rows keep it at
    // float32 rounding of the distances themselves (~1e-7).
    const reps = 200;
    const big = new Float64Array(n * reps * d);
    for (let r = 0; r < reps; r++) for (let q = 0; q < n * d; q++) big[r * n * d + q] = (X[q] as number) + 3;
    compareSteps(tfjsStepper, big, n * reps, d, 4, 2, 1e-6);
  });

  it('leaks no tensors across steps and dispose', () => {
    const before = tf.memory().numTensors;
    const s = tfjsStepper(X, n, d);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    for (const k of [1, 3, 7]) s.step(startCentroids(X, n, d, k), k);
    s.dispose();
    s.dispose(); // idempotent
    expect(tf.memory().numTensors).toBe(before);
    expect(() => s.step(startCentroids(X, n, d, 2), 2)).toThrow(/dispose/);
  });

  it('runs a full k-means to the same inertia as the plain engine', () => {
    const options = { k: 4, seed: 42, nInit: 3, maxIter: 300, tol: 1e-4, algorithm: 'lloyd' as const };
    const before = tf.memory().numTensors;
    const a = kmeans(X, n, d, options);
    const b = kmeans(X, n, d, options, tfjsStepper);
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs(b.inertia - a.inertia) / a.inertia).toBeLessThan(1e-3);
    // scikit-learn 1.2.1 KMeans(n_clusters=4, n_init=10) on this file: 3260.585 (SOURCES.md).
    expect(b.inertia).toBeGreaterThan(3260.585 * (1 - 1e-3));
    expect(b.inertia).toBeLessThan(3260.585 * 1.01);
    let same = 0;
    for (let i = 0; i < n; i++) if (a.labels[i] === b.labels[i]) same++;
    expect(same / n).toBeGreaterThan(0.99);
  });

  it('runs k = 1 through k-means', () => {
    const r = kmeans(
      X,
      n,
      d,
      { k: 1, seed: 1, nInit: 1, maxIter: 10, tol: 1e-4, algorithm: 'lloyd' },
      tfjsStepper,
    );
    // Standardised columns: the single centroid is the origin and the inertia is n·d.
    for (let t = 0; t < d; t++) expect(Math.abs(r.centroids[t] as number)).toBeLessThan(1e-5);
    expect(Math.abs(r.inertia - n * d) / (n * d)).toBeLessThan(1e-5);
  });
});
