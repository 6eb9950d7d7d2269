import { describe, expect, it } from 'vitest';
import { loadScoringReference } from './__fixtures__/load';
import { parseModelJson } from './parse-model';
import { modelFailure } from './__fixtures__/model-error';

const good = loadScoringReference().model;

const failure = (input: unknown) => modelFailure(() => parseModelJson(input));

function withTransform(patch: Record<string, unknown>) {
  return { ...good, transform: { ...(good.transform as object), ...patch } };
}

describe('parseModelJson', () => {
  it('reads the scikit-learn reference model (formatVersion 1) with no training summary', () => {
    const m = parseModelJson(JSON.stringify(good));
    expect(m.k).toBe(4);
    expect(m.formatVersion).toBe(1);
    expect(m.training).toBeNull();
    expect(m.names).toEqual(['Segment A', 'Segment B', 'Segment C', 'Segment D']);
    expect(Array.from(m.lambdas)).toEqual((good.transform as { lambdas: number[] }).lambdas);
    expect(m.id).toBe(parseModelJson(good).id);
  });

  it.each([
    ['not JSON (truncated)', JSON.stringify(good).slice(0, 200), 'model-not-json', ''],
    ['a list', [1, 2], 'model-not-object', ''],
    ['another format', { ...good, format: 'something-else' }, 'model-format', 'format'],
    ['no format', { transform: {} }, 'model-format', 'format'],
    ['a newer version', { ...good, formatVersion: 3 }, 'model-format-version', 'formatVersion'],
    ['no transform', { ...good, transform: undefined }, 'model-missing-field', 'transform'],
    ['two lambdas', withTransform({ lambdas: [1, 2] }), 'model-wrong-shape', 'transform.lambdas'],
    ['a null mean', withTransform({ means: [0, null, 1] }), 'model-non-finite', 'transform.means[1]'],
    ['a text scale', withTransform({ scales: [1, '2', 1] }), 'model-wrong-type', 'transform.scales[1]'],
    ['a zero scale', withTransform({ scales: [1, 0, 1] }), 'model-bad-value', 'transform.scales[1]'],
    ['another transform', withTransform({ method: 'box-cox' }), 'model-bad-value', 'transform.method'],
    ['no clusters', { ...good, clusters: [] }, 'model-wrong-shape', 'clusters'],
    ['k disagreeing', { ...good, kmeans: { k: 5 } }, 'model-wrong-shape', 'kmeans.k'],
    ['other features', { ...good, features: ['a', 'b', 'c'] }, 'model-bad-value', 'features'],
  ])('refuses %s', (_label, input, code, path) => {
    expect(failure(input)).toEqual({ code, path });
  });

  it('names the centroid field that is missing or not finite', () => {
    const clusters = (good.clusters as Record<string, unknown>[]).map((c) => ({ ...c }));
    clusters[2] = { ...clusters[2], centroidStandardised: { recency: 1, frequency: 2 } };
    expect(failure({ ...good, clusters })).toEqual({
      code: 'model-missing-field',
      path: 'clusters[2].centroidStandardised.monetary',
    });
    clusters[2] = {
      ...clusters[2],
      centroidStandardised: { recency: 1, frequency: Number.POSITIVE_INFINITY, monetary: 0 },
    };
    expect(failure({ ...good, clusters })).toEqual({
      code: 'model-non-finite',
      path: 'clusters[2].centroidStandardised.frequency',
    });
  });

  it('validates a version-2 training summary', () => {
    const f = { quantiles: new Array(15).fill(1), min: 0, max: 2, edges: [1], counts: [3, 4] };
    const training = {
      customers: 7,
      features: { recency: f, frequency: f, monetary: { ...f, counts: [1] } },
      segments: [1, 2, 3, 1].map((size) => ({ size, distanceP99: 1 })),
    };
    expect(failure({ ...good, formatVersion: 2, training })).toEqual({
      code: 'model-wrong-shape',
      path: 'training.features.monetary.counts',
    });
    const ok = parseModelJson({
      ...good,
      formatVersion: 2,
      training: { ...training, features: { recency: f, frequency: f, monetary: f } },
    });
    expect(ok.training?.features.monetary.counts).toEqual([3, 4]);
  });

  it('reads the rfmScores field (break values and rules) and names a malformed rule', () => {
    const b = (cuts: number[], reversed = false) => ({
      cuts,
      closed: 'right',
      reversed,
      scores: cuts.length + 1,
      source: 'quantile',
    });
    const rfmScores = {
      version: 1,
      method: 'quantile',
      breaks: {
        recency: b([12, 32, 71, 179], true),
        frequency: b([1, 2, 3, 6]),
        monetary: b([242, 470, 910, 2000]),
      },
      rules: [
        { id: 'c', name: 'Champions', r: { min: 4, max: 5 }, f: { min: 4, max: 5 }, m: { min: 4, max: 5 } },
      ],
      othersName: 'Others',
    };
    expect(parseModelJson({ ...good, rfmScores }).rfmScores?.breaks.frequency.cuts).toEqual([1, 2, 3, 6]);
    expect(parseModelJson(good).rfmScores).toBeNull();
    const badRule = { ...rfmScores, rules: [{ name: 'Champions', r: { min: 5, max: 4 } }] };
    expect(failure({ ...good, rfmScores: badRule })).toEqual({
      code: 'model-bad-value',
      path: 'rfmScores.rules[0]',
    });
    expect(failure({ ...good, rfmScores: { breaks: {} } })).toEqual({
      code: 'model-bad-value',
      path: 'rfmScores',
    });
  });
});
