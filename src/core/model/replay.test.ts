import { beforeAll, describe, expect, it } from 'vitest';
import { buildTransactions } from '../ingest/transactions';
import { guessMapping } from '../ingest/roles';
import { DEFAULT_CLEANING, cleanTransactions } from '../clean/clean';
import { DEFAULT_RFM } from '../rfm/rfm';
import { parseRepoFile } from '../rfm/test-data';
import type { Transactions } from '../ingest/types';
import { loadScoringReference } from './__fixtures__/load';
import { keptDayRange, replaySettings, rfmAtDay } from './replay';
import { parseModelJson } from './parse-model';

const ref = loadScoringReference();
let tx: Transactions;
let keep: Uint8Array;

beforeAll(() => {
  const raw = parseRepoFile('public/sample/online-retail.csv.gz').table;
  const g = guessMapping(raw);
  tx = buildTransactions(raw, g.mapping, g.dateOrder?.order ?? null);
  keep = cleanTransactions(tx, DEFAULT_CLEANING).keep;
});

describe('RFM at two analysis dates on the UCI sample, as pandas', () => {
  it('at 2011-06-01 from the lines before it', () => {
    const rfm = rfmAtDay(tx, keep, DEFAULT_RFM, ref.cutoff);
    expect(rfm.customerIds).toEqual(ref.before.ids);
    expect(Array.from(rfm.recency)).toEqual(ref.before.recency);
    expect(Array.from(rfm.frequency)).toEqual(ref.before.frequency);
    Array.from(rfm.monetary).forEach((m, i) => expect(m).toBeCloseTo(ref.before.monetary[i]!, 6));
  });

  it('at the default date (= the day after the last, also given explicitly)', () => {
    const rfm = rfmAtDay(tx, keep, DEFAULT_RFM, null);
    expect(rfm.customerIds).toEqual(ref.after.ids);
    expect(Array.from(rfm.recency)).toEqual(ref.after.recency);
    const explicit = rfmAtDay(tx, keep, DEFAULT_RFM, ref.analysisAfter);
    expect(Array.from(explicit.recency)).toEqual(ref.after.recency);
    expect(keptDayRange(tx, keep)).toEqual({ first: '2010-12-01', last: '2011-12-09' });
  });

  it('refuses a day that is not a date, before the data or after it', () => {
    for (const day of ['2011-13-45', 'June', '2009-01-01', '2012-03-01']) {
      expect(() => rfmAtDay(tx, keep, DEFAULT_RFM, day)).toThrow(
        expect.objectContaining({ code: 'model-bad-value', path: 'analysisDate' }) as Error,
      );
    }
  });
});

describe('replaySettings', () => {
  it('replays the saved settings except the date window and analysis date, and reports bad fields', () => {
    const model = parseModelJson({
      ...ref.model,
      cleaning: {
        ...DEFAULT_CLEANING,
        cancellations: 'drop',
        dropDuplicates: 3,
        dateWindow: { start: '2011-06-01', end: null },
      },
      rfm: { ...DEFAULT_RFM, frequency: 'lines', analysisDate: { date: '2011-06-01' } },
    });
    const r = replaySettings(model);
    expect(r.cleaning.cancellations).toBe('drop');
    expect(r.cleaning.dropDuplicates).toBe(true);
    expect(r.cleaning.dateWindow).toEqual({ start: null, end: null });
    expect(r.rfm.frequency).toBe('lines');
    expect(r.rfm.analysisDate).toBe('nextDay');
    expect(r.notReplayed).toEqual(['cleaning.dropDuplicates', 'cleaning.dateWindow', 'rfm.analysisDate']);
  });
});
