import { describe, expect, it } from 'vitest';
import { buildTransactions } from '../ingest/transactions';
import { guessMapping } from '../ingest/roles';
import { DEFAULT_CLEANING, cleanTransactions } from '../clean/clean';
import { DEFAULT_RFM, computeRfm } from '../rfm/rfm';
import { parseRepoFile } from '../rfm/test-data';
import { customersCsv } from '../segments/exports';
import { parseModelJson } from './parse-model';
import { scoreCustomers } from './score';
import { fitAndSaveModel } from './__fixtures__/fit-model';
import { computeDrift } from './drift';

describe('fit on the UCI sample with the app pipeline, save, re-open, score the same customers', () => {
  it('gives identical labels, an identical customers CSV, and no drift', () => {
    const raw = parseRepoFile('public/sample/online-retail.csv.gz').table;
    const g = guessMapping(raw);
    const tx = buildTransactions(raw, g.mapping, g.dateOrder?.order ?? null);
    const { keep } = cleanTransactions(tx, DEFAULT_CLEANING);
    const rfm = computeRfm(tx, keep, DEFAULT_RFM);
    const k = 5;
    const names = ['Champions', 'Loyal', 'Promising', 'At risk', 'Lost'];
    const { text, result, sizes } = fitAndSaveModel(rfm, k, names);
    expect(text.length).toBeLessThan(20_000); // no customer rows in the model JSON
    const model = parseModelJson(text);
    expect(model.formatVersion).toBe(2);
    expect(model.id).toMatch(/^m-[0-9a-f]{8}$/);
    expect(JSON.parse(text).id).toBe(model.id);
    const scored = scoreCustomers(model, rfm);
    expect(Array.from(scored.clusterIndex)).toEqual(Array.from(result.labels));
    const csv = (labels: Int32Array, nm: readonly string[]) =>
      customersCsv({
        customerIds: rfm.customerIds,
        recency: rfm.recency,
        frequency: rfm.frequency,
        monetary: rfm.monetary,
        labels,
        names: nm,
      });
    expect(csv(scored.clusterIndex, model.names)).toBe(csv(result.labels, names));
    const drift = computeDrift(model, rfm, scored);
    for (const f of ['recency', 'frequency', 'monetary'] as const) {
      expect(drift.features![f]!.psi).toBe(0);
      expect(drift.features![f]!.outsideShare).toBe(0);
    }
    expect(drift.segments.map((s) => s.sizeNow)).toEqual(sizes);
    // by definition about 1 % of each segment's own customers are beyond its 99th percentile
    drift.segments.forEach((s) => expect(s.beyond!).toBeLessThanOrEqual(Math.ceil(s.sizeNow * 0.01)));
  });
});
