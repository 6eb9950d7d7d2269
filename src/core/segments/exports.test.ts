import { describe, expect, it } from 'vitest';
import { customersCsv, profilesCsv, segmentCsvs } from './exports';
import { modelJsonText, modelKmeansSection } from './model-json';
import { DEFAULT_SWEEP } from '../sweep/sweep';
import { computeProfiles } from './profiles';
import { fitPowerTransform } from '../transform/power-transform';

const input = {
  customerIds: ['12346', '=cmd|calc', 'Zoë, "VIP"', '-7'],
  recency: Float64Array.of(325, 2, 10, 0),
  frequency: Float64Array.of(1, 7, 3, 1),
  monetary: Float64Array.of(77183.6, 4310, -5, 0.1 + 0.2),
  labels: Int32Array.of(0, 1, 1, 0),
  names: ['Big <one>', '@risk'],
};

describe('customersCsv', () => {
  it('writes one row per customer with 1-based cluster ids and neutralised text', () => {
    const lines = customersCsv(input).replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'customer_id,recency,frequency,monetary,cluster_id,cluster_name',
      '12346,325,1,77183.6,1,Big <one>',
      "'=cmd|calc,2,7,4310,2,'@risk",
      '"Zoë, ""VIP""",10,3,-5,2,\'@risk',
      "'-7,0,1,0.3,1,Big <one>",
    ]);
  });
});

describe('segmentCsvs', () => {
  it('splits customers by cluster', () => {
    const files = segmentCsvs(input, 3);
    expect(files.map((f) => f.csv.trimEnd().split('\r\n').length - 1)).toEqual([2, 2, 0]);
    expect(files[1]!.name).toBe('@risk');
  });
});

describe('profilesCsv and model JSON', () => {
  const p = computeProfiles(
    input,
    input.labels,
    2,
    Float64Array.of(0, 1, 1, 0, -1, -1),
    Float64Array.of(1, 2, 3, 4, 5, 6),
  );
  it('writes one row per cluster', () => {
    const lines = profilesCsv(p, input.names).replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]!.startsWith('1,Big <one>,mid recency · frequent · high spend,2,0.5,77183.9,')).toBe(true);
  });
  const MODEL_INPUT = {
    appVersion: '0.1.0',
    datasetName: 'x.csv',
    createdAt: new Date(Date.UTC(2026, 10, 26)),
    customers: 4,
    cleaningSettings: { a: 1 },
    rfmSettings: { b: 2 },
    fit: {
      lambdas: Float64Array.of(0.28, 0.04, 0.07),
      means: Float64Array.of(1, 2, 3),
      scales: Float64Array.of(4, 5, 6),
    },
    k: 2,
    seed: 42,
    engine: 'plain',
    engineReason: null,
    kmeans: modelKmeansSection(
      DEFAULT_SWEEP,
      { inertia: 12.5, result: { nIter: 3 } },
      { size: 100_000, finalists: 3 },
    ),
    centroidsStandardised: Float64Array.of(0, 1, 1, 0, -1, -1),
    centroidsOriginal: null,
    names: input.names,
    descriptions: ['a', 'b'],
    sizes: [2, 2],
    sweep: [{ k: 1, inertia: 9, silhouette: NaN, calinskiHarabasz: NaN, daviesBouldin: NaN }],
    knee: null,
  };
  it('serialises the model with NaN as null', () => {
    const text = modelJsonText(MODEL_INPUT);
    const json = JSON.parse(text);
    expect(json.transform.lambdas).toEqual([0.28, 0.04, 0.07]);
    expect(json.clusters[1]).toEqual({
      id: 2,
      name: '@risk',
      description: 'b',
      size: 2,
      centroidStandardised: { recency: 0, frequency: -1, monetary: -1 },
      centroidOriginal: null,
    });
    expect(json.sweep[0].silhouette).toBeNull();
    expect(json.createdAt).toBe('2026-11-26T00:00:00.000Z');
    expect(json.transform.maximumLikelihoodLambdas).toBeUndefined();
    expect(json.kmeans.restartSample).toEqual({ size: 100_000, finalists: 3 });
    expect(
      JSON.parse(modelJsonText({ ...MODEL_INPUT, kmeans: { ...MODEL_INPUT.kmeans, restartSample: null } }))
        .kmeans.restartSample,
    ).toBeNull();
  });
  it("records a limited λ next to the likelihood's own", () => {
    const fit = fitPowerTransform([
      Float64Array.from({ length: 300 }, (_, i) => 1 + (i % 37)),
      Float64Array.from({ length: 300 }, (_, i) => (i < 3 ? 2 : 1)),
      Float64Array.from({ length: 300 }, (_, i) => 10 + i * i),
    ]);
    const json = JSON.parse(modelJsonText({ ...MODEL_INPUT, fit })) as {
      transform: { lambdas: number[]; maximumLikelihoodLambdas: (number | null)[] };
    };
    const mle = json.transform.maximumLikelihoodLambdas;
    expect(mle[0]).toBeNull();
    expect(mle[2]).toBeNull();
    expect(mle[1]).toBeLessThan(json.transform.lambdas[1]!);
  });
});
