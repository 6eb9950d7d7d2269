import { test } from 'vitest';
import { plainStepper, kmeans } from './kmeans';
import { createRng } from './random';
test('bench', () => {
  const n = 4000;
  const r = createRng(1);
  const X = new Float64Array(n * 3);
  for (let i = 0; i < n * 3; i++) X[i] = r() + r() + r() + (i % 3 === 2 ? Math.floor(r() * 4) : 0);
  let t = performance.now();
  let acc = 0;
  for (let i = 0; i < 1e8; i++) acc += i * 0.5;
  console.log('BENCH calib 1e8 adds', (performance.now() - t).toFixed(0), 'ms', acc > 0);
  const s = plainStepper(X, n, 3);
  let C = Float64Array.from(X.subarray(0, 12));
  t = performance.now();
  for (let i = 0; i < 2000; i++) { const o = s.step(C, 4); C.set(o.centroids); }
  console.log('BENCH step 4k k4', ((performance.now() - t) / 2000).toFixed(3));
  t = performance.now();
  let it = 0;
  for (let k = 1; k <= 10; k++) { const res = kmeans(X, n, 3, { k, seed: 42, nInit: 10, maxIter: 300, tol: 1e-4, algorithm: 'lloyd' }); it += res.nIter; }
  console.log('BENCH 4k sweep kmeans only', (performance.now() - t).toFixed(0), 'ms; nIter of best runs', it);
});
