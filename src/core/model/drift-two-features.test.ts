/**
 * Drift of a two-feature model: fitted on the UCI sample before 2011-06-01 (the scoring reference's
 * training side) with one feature left out, saved, re-opened and applied to the full sample. The
 * drift lists the model's two features only, and each one's PSI, bin counts and share outside the
 * training range are numpy's (src/core/model/__fixtures__/scoring-reference.json): a feature's drift
 * depends on the training customers, not on the model's other features.
 */
import { describe, expect, it } from 'vitest';
import { loadScoringReference, sideColumns } from './__fixtures__/load';
import { fitAndSaveModel } from './__fixtures__/fit-model';
import { parseModelJson } from './parse-model';
import { scoreCustomers } from './score';
import { computeDrift } from './drift';
import { featuresWithout, type ModelFeature } from './model-types';

const ref = loadScoringReference();
const beforeCols = sideColumns(ref.before);
const afterCols = sideColumns(ref.after);

function twoFeatureModel(leftOut: ModelFeature) {
  const names = ['A', 'B', 'C', 'D'];
  const { text, sizes } = fitAndSaveModel(beforeCols, names.length, names, featuresWithout(leftOut));
  return { model: parseModelJson(text), sizes };
}

describe('drift of a two-feature model lists the model’s features only', () => {
  for (const leftOut of ['monetary', 'recency'] as const) {
    it(`${leftOut} left out: no drift for it; the other two as numpy`, () => {
      const { model, sizes } = twoFeatureModel(leftOut);
      expect(model.features).toEqual(featuresWithout(leftOut));
      // the saved training summary still describes all three features: the drift must not list them all
      expect(model.training!.features[leftOut]).toBeDefined();
      const drift = computeDrift(model, afterCols, scoreCustomers(model, afterCols));
      expect(Object.keys(drift.features!)).toEqual(featuresWithout(leftOut));
      expect(drift.features![leftOut]).toBeUndefined();
      for (const f of model.features) {
        const got = drift.features![f]!;
        expect(got.psi).toBeCloseTo(ref.drift[f]!.psi, 10);
        expect(got.newCounts).toEqual(ref.drift[f]!.newCounts);
        expect(got.outsideShare).toBeCloseTo(ref.drift[f]!.outsideShare, 12);
      }
      expect(drift.segments.map((s) => s.sizeThen)).toEqual(sizes);
      expect(drift.segments.reduce((a, s) => a + s.sizeNow, 0)).toBe(ref.after.ids.length);
    });
  }
});
