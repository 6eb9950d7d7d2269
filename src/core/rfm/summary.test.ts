import { describe, expect, it } from 'vitest';
import { parseRepoFile } from './test-data';
import { guessMapping } from '../ingest/roles';
import { checkMapping } from '../ingest/plausibility';
import { rfmFromTable } from './rfm';

const raw = parseRepoFile('fixtures/real/flo-customers-head.csv').table;
const name = (j: number | undefined) => (j === undefined ? undefined : raw.columns[j]!.name);

describe('customer summary with last-order dates and online + offline columns (real FLO extract)', () => {
  it('is detected as a summary: id, last-order date as recency, summed counts and values', () => {
    const g = guessMapping(raw);
    expect(g.kind).toBe('rfm');
    expect(Object.fromEntries(Object.entries(g.mapping).map(([r, j]) => [r, name(j)]))).toEqual({
      customer: 'master_id',
      recency: 'last_order_date',
      frequency: 'order_num_total_ever_online',
      frequency2: 'order_num_total_ever_offline',
      monetary: 'customer_value_total_ever_offline',
      monetary2: 'customer_value_total_ever_online',
    });
    expect(checkMapping(raw, g.kind, g.mapping, null)).toEqual([]);
  });
  it('computes recency from the analysis day and sums the columns', () => {
    const t = rfmFromTable(raw, guessMapping(raw).mapping);
    expect(t.customerIds).toHaveLength(40);
    // Latest last_order_date in the extract: 2021-05-30 → analysis day 2021-05-31.
    expect(new Date(t.analysisTime).toISOString().slice(0, 10)).toBe('2021-05-31');
    const i = t.customerIds.indexOf('cc294636-19f0-11eb-8d74-000d3a38a36f');
    expect(t.recency[i]).toBe(94); // 2021-02-26 → 2021-05-31
    expect(t.frequency[i]).toBe(5); // 4.0 online + 1.0 offline
    expect(t.monetary[i]).toBeCloseTo(139.99 + 799.38, 9);
    const k = t.customerIds.indexOf('241f0ad0-afb5-11e9-9757-000d3a38a36f');
    expect([t.recency[k], t.frequency[k]]).toEqual([1, 24]);
  });
});
