/**
 * `segment-notebook fit` on the shipped UCI sample, in this thread (the same DataService and engine
 * handler the worker threads run): every customer's R, F, M against the pandas reference, and the
 * files against the browser's own export functions fed from the same pipeline.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../main';
import { parseRunRecord } from '../../core/runs/run-record';
import { CUSTOMER_COLUMNS, RFM_SCORE_COLUMNS } from '../../core/segments/exports';

const scoresRef = JSON.parse(
  readFileSync(join(process.cwd(), 'src/core/rfm-scores/__fixtures__/rfm-scores-reference.json'), 'utf8'),
) as {
  ids: string[];
  quantile5: Record<'recency' | 'frequency' | 'monetary', { cuts: number[]; scores: number[] }>;
  defaultSegments: { segment: string[] };
};
const SAMPLE = join(process.cwd(), 'public/sample/online-retail.csv.gz');
const rfmRef = JSON.parse(
  readFileSync(join(process.cwd(), 'src/core/rfm/__fixtures__/online-retail-default.json'), 'utf8'),
) as { customersKept: number; excludedNonPositive: number; rfm: Record<string, [number, number, number]> };

let dir = '';
const errs: string[] = [];
const outs: string[] = [];
let code = -1;

function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sn-fit-'));
  code = await run(['fit', SAMPLE, '--out', 'out', '--runs', 'runs', '--seed', '42'], {
    cwd: dir,
    backend: 'inline',
    out: (t) => outs.push(t),
    err: (t) => errs.push(t),
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fit on the UCI sample (default settings, seed 42)', () => {
  it('exits 0, prints the run id, reports progress on stderr', () => {
    expect(code).toBe(0);
    expect(outs.join('').trim()).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}-s42$/);
    expect(errs.join('')).toContain('fit: sweep');
  });

  it('no warning about identical lines: the product column tells copies from repeated items', () => {
    expect(errs.join('')).not.toContain('warning');
  });

  it('customers.csv: every customer of the pandas reference with the same R, F, M', () => {
    const rows = parseCsv(readFileSync(join(dir, 'out/customers.csv'), 'utf8'));
    // The browser export's columns (src/core/segments/exports.ts), then the RFM-score columns.
    expect(rows[0]).toEqual([...CUSTOMER_COLUMNS, ...RFM_SCORE_COLUMNS]);
    const body = rows.slice(1);
    const want = Object.entries(rfmRef.rfm);
    expect(body.length).toBe(want.length);
    expect(body.length).toBe(rfmRef.customersKept - rfmRef.excludedNonPositive);
    const byId = new Map(body.map((r) => [r[0]!, r]));
    for (const [id, [r, f, m]] of want) {
      const got = byId.get(id)!;
      expect(got, id).toBeDefined();
      expect(Number(got[1])).toBe(r);
      expect(Number(got[2])).toBe(f);
      expect(Number(got[3])).toBeCloseTo(m, 6);
    }
  });

  it('customers.csv: RFM scores and named segments as pandas qcut and the default rules give', () => {
    const rows = parseCsv(readFileSync(join(dir, 'out/customers.csv'), 'utf8')).slice(1);
    const byId = new Map(rows.map((r) => [r[0]!, r]));
    const q = scoresRef.quantile5;
    let checked = 0;
    scoresRef.ids.forEach((id, i) => {
      const got = byId.get(id)!;
      expect([got[6], got[7], got[8], got[11]], id).toEqual([
        String(q.recency.scores[i]),
        String(q.frequency.scores[i]),
        String(q.monetary.scores[i]),
        scoresRef.defaultSegments.segment[i],
      ]);
      checked++;
    });
    expect(checked).toBe(4316);
    const model = JSON.parse(readFileSync(join(dir, 'out/model.json'), 'utf8'));
    // numpy's 'linear' quantiles; the interpolation may round in the last bit.
    (model.rfmScores.breaks.monetary.cuts as number[]).forEach((c, j) =>
      expect(Math.abs(c - q.monetary.cuts[j]!)).toBeLessThanOrEqual(1e-12 * q.monetary.cuts[j]!),
    );
  });

  it('model.json: the suggested k, its sizes summing to the customers, λ for 3 features', () => {
    const model = JSON.parse(readFileSync(join(dir, 'out/model.json'), 'utf8'));
    const run = parseRunRecord(readFileSync(join(dir, 'out/run.json'), 'utf8'), 'run.json');
    expect(model.format).toBe('segment-notebook-model');
    expect(model.kmeans.k).toBe(run.metrics.suggestedK);
    expect(model.kmeans.seed).toBe(42);
    expect(model.kmeans.engine).toBe('plain');
    expect(model.transform.lambdas).toEqual(run.metrics.lambdas);
    const sizes = model.clusters.map((c: { size: number }) => c.size);
    expect(sizes).toEqual(run.metrics.segmentSizes);
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(Object.keys(rfmRef.rfm).length);
    // labels in customers.csv agree with the sizes in the model
    const rows = parseCsv(readFileSync(join(dir, 'out/customers.csv'), 'utf8')).slice(1);
    const counts = new Array(model.kmeans.k).fill(0);
    for (const r of rows) counts[Number(r[4]) - 1]++;
    expect(counts).toEqual(sizes);
    expect(readFileSync(join(dir, 'out/profiles.csv'), 'utf8').trim().split('\n').length).toBe(
      model.kmeans.k + 1,
    );
  });

  it('run.json: input fingerprint, parameters, sweep metrics k = 1..10, recorded in the runs folder', () => {
    const run = parseRunRecord(readFileSync(join(dir, 'out/run.json'), 'utf8'), 'run.json');
    expect(run.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.input.rows).toBe(541909);
    expect(run.input.customers).toBe(4372);
    expect(run.metrics.sweep.map((p) => p.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(run.metrics.sweep[0]!.silhouette).toBeNull();
    expect(run.params.kmeans).toMatchObject({ seed: 42, nInit: 10, kMin: 1, kMax: 10 });
    const recorded = readdirSync(join(dir, 'runs'));
    expect(recorded).toEqual([run.id]);
    expect(readdirSync(join(dir, 'runs', run.id)).sort()).toEqual([
      'customers.csv',
      'model.json',
      'profiles.csv',
      'run.json',
    ]);
  });

  it('a second fit with another seed and k: `runs` lists both, `runs diff` names what changed', async () => {
    const o: string[] = [];
    expect(
      await run(['fit', SAMPLE, '--out', 'out2', '--runs', 'runs', '--seed', '7', '--k', '5', '-q'], {
        cwd: dir,
        backend: 'inline',
        out: (t) => o.push(t),
        err: () => undefined,
      }),
    ).toBe(0);
    const list: string[] = [];
    expect(await run(['runs', 'runs'], { cwd: dir, out: (t) => list.push(t), err: () => undefined })).toBe(0);
    expect(list.join('').trim().split('\n')).toHaveLength(3);
    const diff: string[] = [];
    const [a, b] = readdirSync(join(dir, 'runs')).sort();
    expect(
      await run(['runs', 'diff', a!, b!, '--runs', 'runs', '--json'], {
        cwd: dir,
        out: (t) => diff.push(t),
        err: () => undefined,
      }),
    ).toBe(0);
    const d = JSON.parse(diff.join('')) as { differences: { path: string; a: unknown; b: unknown }[] };
    const paths = d.differences.map((x) => x.path);
    expect(d.differences.find((x) => x.path === 'params.kmeans.seed')).toEqual({
      path: 'params.kmeans.seed',
      a: 42,
      b: 7,
    });
    expect(d.differences.find((x) => x.path === 'metrics.chosenK')?.b).toBe(5);
    expect(paths).not.toContain('input.sha256');
    expect(paths).not.toContain('metrics.lambdas[0]');
  });
});

describe('fit --settings with the exported model.json', () => {
  it('reads its cleaning, RFM settings and seed: the same customers and labels', async () => {
    const code = await run(
      ['fit', SAMPLE, '--out', 'again', '--settings', 'out/model.json', '--no-record', '-q'],
      { cwd: dir, backend: 'inline', out: () => undefined, err: () => undefined },
    );
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'again/customers.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'out/customers.csv'), 'utf8'),
    );
  });
});

describe('fit on a file whose identical lines may be separate purchases', () => {
  it('CDNOW (no order, no product column): warns with the count and says how to keep them', async () => {
    const lines = readFileSync(join(process.cwd(), 'fixtures/cdnow-master.txt'), 'utf8').split('\n');
    const head = lines.slice(0, 8001);
    writeFileSync(join(dir, 'cdnow-head.txt'), `${head.join('\n')}\n`);
    const seen = new Set<string>();
    const identical = head.slice(1).filter((l) => (seen.has(l.trim()) ? true : (seen.add(l.trim()), false)));
    expect(identical.length).toBeGreaterThan(0);
    const err: string[] = [];
    const argv = ['fit', 'cdnow-head.txt', '--out', 'cdnow', '--no-record', '-q'];
    const io = {
      cwd: dir,
      backend: 'inline' as const,
      out: () => undefined,
      err: (t: string) => err.push(t),
    };
    expect(await run(argv, io)).toBe(0);
    expect(err.join('')).toContain(
      `segment-notebook fit: warning: ${identical.length} lines are identical in every column to an earlier one`,
    );
    expect(err.join('')).toContain('No column was recognised as the product or the order');
    expect(err.join('')).toContain('"dropDuplicates": false');
  });
});

describe('command line errors', () => {
  const call = async (argv: string[]) => {
    const e: string[] = [];
    const c = await run(argv, {
      cwd: dir || tmpdir(),
      backend: 'inline',
      out: () => undefined,
      err: (t) => e.push(t),
    });
    return { code: c, err: e.join('') };
  };
  it('unknown command and option: 2', async () => {
    expect((await call(['nope'])).code).toBe(2);
    expect((await call(['fit', '--bogus'])).code).toBe(2);
    expect((await call(['fit', SAMPLE])).err).toContain('--out');
    expect((await call(['fit', SAMPLE, '--out', 'x', '--k', '11'])).code).toBe(2);
  });
  it('a missing input file: 5 naming it', async () => {
    const r = await call(['fit', 'no-such.csv', '--out', 'x', '--no-record']);
    expect(r.code).toBe(5);
    expect(r.err).toContain('no-such.csv');
  });
  it('a settings file of the wrong shape: 4 naming the field', async () => {
    const f = join(dir, 'bad-settings.json');
    (await import('node:fs')).writeFileSync(f, JSON.stringify({ cleaning: { dropDuplicates: 'yes' } }));
    const r = await call(['fit', SAMPLE, '--out', 'x', '--settings', f, '--no-record']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('cleaning.dropDuplicates');
  });
  it('a file without customer columns: 3', async () => {
    const f = join(dir, 'nothing.csv');
    (await import('node:fs')).writeFileSync(f, 'a,b\n1,2\n3,4\n');
    const r = await call(['fit', f, '--out', 'x', '--no-record']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/customer/);
  });
  it('a report title above the header: 3, naming the line that looks like the header', async () => {
    const f = join(dir, 'report.csv');
    const superstore = readFileSync(join(process.cwd(), 'fixtures/real/superstore-2019-head.csv'), 'utf8');
    writeFileSync(f, `Superstore orders 2019\n${superstore}`);
    const r = await call(['fit', f, '--out', 'x', '--no-record']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('The header looks like line 2, not line 1');
    expect(r.err).toContain(
      'line 2 (“Row ID, Order ID, Order Date, Ship Date, Ship Mode, Customer ID, Customer Name',
    );
    expect(r.err).toContain('--skip-lines 1 reads the file from there');
  });
  it('--skip-lines reads the file from the header under the title: the same customers', async () => {
    const lines = readFileSync(join(process.cwd(), 'fixtures/cdnow-master.txt'), 'utf8').trim().split('\n');
    const rows = lines.map((l) => l.trim().split(/\s+/).join(',')).slice(0, 6001);
    writeFileSync(join(dir, 'plain.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'titled.csv'), `CD sales\nExported 1998-07-01,,,\n${rows.join('\n')}\n`);
    expect((await call(['fit', 'plain.csv', '--out', 'plain', '--no-record'])).code).toBe(0);
    const r = await call(['fit', 'titled.csv', '--out', 'titled', '--no-record', '--skip-lines', '2']);
    expect(r.code).toBe(0);
    const customers = (d: string) => readFileSync(join(dir, d, 'customers.csv'), 'utf8');
    expect(customers('titled')).toBe(customers('plain'));
    expect((await call(['fit', 'titled.csv', '--out', 'x', '--skip-lines', '0'])).code).toBe(2);
  });
});
