import { describe, expect, it } from 'vitest';
import { labelsOf, loadScoringReference, sideColumns } from './__fixtures__/load';
import { parseModelJson } from './parse-model';
import { assignNearest, scoreCustomers } from './score';
import { ModelError } from './errors';

const ref = loadScoringReference();

describe('scoreCustomers against scikit-learn (PowerTransformer with saved λ, StandardScaler, argmin)', () => {
  const model = parseModelJson(JSON.stringify(ref.model));

  it('gives scikit-learn KMeans its own labels on the training customers (UCI sample before 2011-06-01)', () => {
    const { clusterIndex } = scoreCustomers(model, sideColumns(ref.before));
    expect(clusterIndex.length).toBe(2704);
    expect(Array.from(clusterIndex)).toEqual(Array.from(labelsOf(ref.kmeansLabels)));
    expect(Array.from(clusterIndex)).toEqual(Array.from(labelsOf(ref.before.labels)));
  });

  it('labels every customer of the full UCI sample as the scikit-learn scorer does, distances to 1e-9', () => {
    const { clusterIndex, distances } = scoreCustomers(model, sideColumns(ref.after));
    expect(clusterIndex.length).toBe(4316);
    const expected = labelsOf(ref.after.labels);
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) if (clusterIndex[i] !== expected[i]) mismatches++;
    expect(mismatches).toBe(0);
    let worst = 0;
    ref.after.distances.forEach((d, i) => (worst = Math.max(worst, Math.abs(distances[i]! - d))));
    expect(worst).toBeLessThan(1e-9);
  });

  it('takes the first minimum on ties, as numpy argmin', () => {
    const C = Float64Array.from(ref.ties.centroids.flat());
    const Z = Float64Array.from(ref.ties.points.flat());
    expect(Array.from(assignNearest(Z, C, 3).clusterIndex)).toEqual(ref.ties.labels);
  });

  it('names the feature and row of a non-finite value and refuses unequal columns', () => {
    const cols = sideColumns(ref.after);
    cols.monetary[7] = Number.NaN;
    const err = (() => {
      try {
        scoreCustomers(model, cols);
      } catch (e) {
        return e as ModelError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ModelError);
    expect(err?.code).toBe('score-non-finite');
    expect(err?.path).toBe('monetary');
    expect(err?.row).toBe(7);
    expect(() =>
      scoreCustomers(model, { ...sideColumns(ref.after), frequency: new Float64Array(3) }),
    ).toThrow(expect.objectContaining({ code: 'score-length-mismatch' }) as Error);
  });
});
