/**
 * The settings the UCI defaults leave untouched, run for real on DuckDB, SQLite and PostgreSQL 15
 * (the last two skipped with a note when absent, as in engines.test.ts): the UCI file rewritten with
 * day-first dates (D/M/YYYY H:MM) and decimal-comma prices, read by the app's parser (which detects
 * both), modelled with the reference notebook's preset (cancellations counted as lines, non-product
 * list, date window, negative-net customers by country, analysis at the latest time, no monetary
 * exclusion) and with cancellations dropped + distinct-day frequency + a fixed analysis day.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CleaningSettings } from '../clean/types';
import type { RfmSettings } from '../rfm/types';
import { parseText } from '../ingest/parse-text';
import { DEFAULT_CLEANING } from '../clean/clean';
import { DEFAULT_RFM, REFERENCE_PRESET } from '../rfm/rfm';
import { parseRepoFile } from '../rfm/test-data';
import { generateSql } from './generate';
import { browserModel, writeTextCsv, type BrowserModel } from './__fixtures__/browser-side';
import { sqlEngines } from './__fixtures__/engines';

const engines = sqlEngines('sn-sql-variants-');
const dir = engines.dir;

/** The first 120,000 UCI lines with dates as D/M/YYYY H:MM and prices with a decimal comma. */
function dayFirstCommaFile() {
  const { table } = parseRepoFile('public/sample/online-retail.csv.gz');
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = Math.min(120_000, table.rowCount);
  const lines = [table.columns.map((c) => c.name).join(';')];
  for (let i = 0; i < rows; i++) {
    lines.push(
      table.columns
        .map((c) => {
          const code = c.codes[i]!;
          let v = code < 0 ? '' : c.dict[code]!;
          if (c.name === 'InvoiceDate') {
            const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(v)!;
            v = `${Number(m[3])}/${Number(m[2])}/${m[1]} ${Number(m[4])}:${m[5]}`;
          }
          if (c.name === 'UnitPrice') v = v.replace('.', ',');
          return q(v);
        })
        .join(';'),
    );
  }
  const text = `${lines.join('\n')}\n`;
  return parseText(text, { fileName: 'retail-dmy.csv', byteLength: text.length, encoding: 'utf-8' }).table;
}

const raw = dayFirstCommaFile();
const csv = join(dir, 'retail-dmy.csv');
writeTextCsv(raw, csv);

const SETTINGS: Record<string, { cleaning: CleaningSettings; rfm: RfmSettings }> = {
  'reference preset (window, negative-net by country, lines, latest time)': {
    cleaning: { ...REFERENCE_PRESET.cleaning, dateWindow: { start: '2011-01-01', end: '2011-03-01' } },
    rfm: REFERENCE_PRESET.rfm,
  },
  'cancellations dropped, no dedup, days frequency, fixed analysis day': {
    cleaning: { ...DEFAULT_CLEANING, cancellations: 'drop', dropDuplicates: false },
    rfm: { ...DEFAULT_RFM, frequency: 'days', analysisDate: { date: '2011-12-31' } },
  },
};

describe.each(Object.entries(SETTINGS))('%s', (_, settings) => {
  let b: BrowserModel;
  it('the browser reads D/M/Y dates and decimal commas', () => {
    b = browserModel({ raw, name: 'retail-dmy.csv' }, 3, settings);
    const input = (b.model as { input: { dateOrder: string; decimalSeparators: Record<string, string> } })
      .input;
    expect(input.dateOrder).toBe('DMY');
    expect(input.decimalSeparators.price).toBe(',');
    expect(b.rfm.customerIds.length).toBeGreaterThan(500);
  });
  it.each(['duckdb', 'sqlite', 'postgres'] as const)(
    '%s equals the browser for every customer',
    async (dialect) => {
      const reason = engines.skipReason(dialect);
      if (reason !== null) {
        console.log(`skipped on ${dialect}: ${reason}`);
        return;
      }
      b ??= browserModel({ raw, name: 'retail-dmy.csv' }, 3, settings);
      const rows = await engines.run(dialect, csv, generateSql(b.model, { dialect }));
      expect(rows.length).toBe(b.rfm.customerIds.length);
      const byId = new Map(rows.map((r) => [r.customerId, r]));
      let differ = 0;
      b.rfm.customerIds.forEach((id, i) => {
        const r = byId.get(id);
        const m = b.rfm.monetary[i]!;
        if (
          !r ||
          r.recency !== b.rfm.recency[i] ||
          r.frequency !== b.rfm.frequency[i] ||
          !(Math.abs(r.monetary - m) <= 1e-9 * Math.abs(m)) ||
          r.clusterId !== b.clusterIds[i]
        )
          differ++;
      });
      expect(differ).toBe(0);
    },
  );
});
