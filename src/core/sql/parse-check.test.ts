/**
 * Spark SQL, BigQuery and Snowflake are not executed here: their scripts are parsed with
 * node-sql-parser (Spark with its Hive grammar, the closest it has), for the models of the UCI file
 * and of the CDNOW log (written by the app's pipeline, see engines.test.ts) and for every setting
 * the SQL branches on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import nodeSqlParser from 'node-sql-parser';
import { generateSql } from './generate';
import { doubleLiteral, type SqlDialect } from './dialects';
import { SqlGenerationError } from './model';

const { Parser } = nodeSqlParser;
const parser = new Parser();
const GRAMMAR: Partial<Record<SqlDialect, string>> = {
  spark: 'Hive',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
};

function model(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

const uci = model('online-retail-model.json');
const cdnow = model('cdnow-model.json');
const cleaning = uci.cleaning as Record<string, unknown>;
const rfm = uci.rfm as Record<string, unknown>;
const input = uci.input as Record<string, unknown>;

const VARIANTS: Record<string, Record<string, unknown>> = {
  'UCI defaults': uci,
  'CDNOW defaults': cdnow,
  'cancellations dropped, window, negative-net by country, reference RFM': {
    ...uci,
    cleaning: {
      ...cleaning,
      cancellations: 'drop',
      dateWindow: { start: '2011-06-01', end: '2011-12-01' },
      dropNegativeNetCustomers: true,
      negativeNetGroupByCountry: true,
      dropDuplicates: false,
    },
    rfm: { ...rfm, analysisDate: 'lastTime', frequency: 'lines', cancellationsArePurchases: true },
  },
  'D/M/Y dates, decimal commas, a fixed analysis day, days frequency': {
    ...uci,
    input: { ...input, dateOrder: 'DMY', decimalSeparators: { quantity: ',', price: ',' } },
    rfm: {
      ...rfm,
      analysisDate: { date: '2011-12-31' },
      frequency: 'days',
      excludeNonPositiveMonetary: false,
    },
  },
  'a segment name with a quote and a header with a space and a quote': {
    ...uci,
    input: {
      ...input,
      headers: (input.headers as string[]).map((h) => (h === 'Country' ? "Customer's country" : h)),
      columns: { ...(input.columns as object), country: "Customer's country" },
    },
    clusters: (uci.clusters as Record<string, unknown>[]).map((c, i) =>
      i === 0 ? { ...c, name: "Bob's \\best" } : c,
    ),
  },
};

describe.each(Object.entries(VARIANTS))('%s', (_, m) => {
  it.each(['spark', 'bigquery', 'snowflake'] as const)(
    '%s output parses, ending in the contract SELECT',
    (dialect) => {
      const sql = generateSql(m, { dialect, table: 'sales.transactions' });
      const ast = parser.astify(sql, { database: GRAMMAR[dialect]! });
      const statements = Array.isArray(ast) ? ast : [ast];
      const last = statements[statements.length - 1] as unknown as {
        type: string;
        columns: { as: string | null; expr: { column?: string | { expr: { value: string } } } }[];
      };
      expect(last.type).toBe('select');
      const names = last.columns.map((c) => {
        if (c.as) return c.as;
        const col = c.expr.column;
        return typeof col === 'string' ? col : col?.expr.value;
      });
      expect(names).toEqual([
        'customer_id',
        'recency',
        'frequency',
        'monetary',
        'cluster_id',
        'segment_name',
      ]);
    },
  );
});

describe('generateSql', () => {
  it('writes every double as a literal that reads back to the same double', () => {
    const values = [0.1, 1 / 3, -2.5e-300, 123456789.12345679, 4310, 0.2844731123640261, Number.MIN_VALUE];
    for (const v of values) expect(Number(doubleLiteral(v))).toBe(v);
    expect(doubleLiteral(4310)).toBe('4.31e3');
    for (const l of (uci.transform as { lambdas: number[] }).lambdas)
      expect(generateSql(uci, { dialect: 'duckdb' })).toContain(doubleLiteral(l));
  });
  it('emits LN (never LOG) and POWER of 1 + ABS(x) only', () => {
    for (const dialect of ['duckdb', 'postgres', 'sqlite', 'spark', 'bigquery', 'snowflake'] as const) {
      const sql = generateSql(uci, { dialect });
      expect(sql).not.toMatch(/\bLOG\s*\(/i);
      expect(sql.match(/POWER\(/g)?.length).toBe((sql.match(/POWER\(1 \+ ABS\(/g) ?? []).length);
    }
  });
  it('refuses with a code what it cannot write', () => {
    const code = (m: unknown) => {
      try {
        generateSql(m, { dialect: 'duckdb' });
        return null;
      } catch (e) {
        return e instanceof SqlGenerationError ? e.code : String(e);
      }
    };
    expect(code({ format: 'other' })).toBe('sql-not-a-model');
    expect(code({ ...uci, input: undefined })).toBe('sql-no-input');
    expect(code({ ...uci, cleaning: { ...cleaning, dropOutliers: true } })).toBe('sql-outliers');
    expect(code({ ...uci, input: { ...input, dateOrder: 'EXCEL_SERIAL' } })).toBe('sql-excel-dates');
    expect(code({ ...uci, input: { ...input, kind: 'rfm' } })).toBe('sql-rfm-table');
  });
});
