import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { fitPowerTransform, applyPowerTransform } from '/work/main/src/core/engine/power-transform';
import { sweepK, DEFAULT_SWEEP } from '/work/main/src/core/engine/sweep';
it('time', () => {
  const lines = readFileSync('/work/main/fixtures/online-retail-rfm-2011h2.csv', 'utf8').trim().split(/\r?\n/).slice(1);
  const cols = [0, 1, 2].map((j) => Float64Array.from(lines, (l) => Number(l.split(',')[j])));
  const fit = fitPowerTransform(cols);
  const X = applyPowerTransform(cols, fit);
  const t = performance.now();
  let last = t;
  sweepK(X, lines.length, 3, { ...DEFAULT_SWEEP }, undefined, (d, tot) => { const now = performance.now(); console.log(d, tot, Math.round(now - last)); last = now; });
  console.log('total', performance.now() - t);
});
