/**
 * The command line on two-feature models: `fit` on a real file without money (the CDNOW log with its
 * money columns removed) is an R+F model whose model.json, run.json and warehouse SQL name two
 * features, `score` with that model gives the fit's segments, `--settings` carries the feature choice
 * and `--leave-out` refuses a feature that does not exist.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../main';

let dir = '';
const outs: string[] = [];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    cwd: dir,
    backend: 'inline',
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  outs.push(...out);
  return { code, out: out.join(''), err: err.join('') };
}

const column = (csv: string, name: string) => {
  const lines = csv.trim().split(/\r?\n/);
  const j = lines[0]!.replace('\uFEFF', '').split(',').indexOf(name);
  return lines.slice(1).map((l) => l.split(',')[j]);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sn-two-'));
  const text = readFileSync(join(process.cwd(), 'fixtures/cdnow-master.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/).slice(0, 2).join(','))
    .join('\n');
  writeFileSync(join(dir, 'cdnow-no-money.csv'), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fit and score on a file without money (an R+F model)', () => {
  it('fit writes a two-feature model, run record and SQL; score gives the same segments', async () => {
    const fit = await cli(['fit', 'cdnow-no-money.csv', '--out', 'out', '--no-record', '--k', '4']);
    expect(fit.err).not.toMatch(/error/i);
    expect(fit.code).toBe(0);
    const model = JSON.parse(readFileSync(join(dir, 'out/model.json'), 'utf8'));
    expect(model.features).toEqual(['recency', 'frequency']);
    expect(model.transform.lambdas).toHaveLength(2);
    expect(model.clusters).toHaveLength(4);
    for (const c of model.clusters) {
      expect(Object.keys(c.centroidStandardised)).toEqual(['recency', 'frequency']);
      expect(c.description).not.toMatch(/spend/);
    }
    const record = JSON.parse(readFileSync(join(dir, 'out/run.json'), 'utf8'));
    expect(record.params.transform.features).toEqual(['recency', 'frequency']);
    expect(readFileSync(join(dir, 'out/profiles.csv'), 'utf8')).not.toContain('centroid_monetary');

    const score = await cli(['score', 'out/model.json', 'cdnow-no-money.csv', '--out', 'scored.csv']);
    expect(score.code).toBe(0);
    const fitted = readFileSync(join(dir, 'out/customers.csv'), 'utf8');
    const scored = readFileSync(join(dir, 'scored.csv'), 'utf8');
    expect(column(scored, 'cluster_id')).toEqual(column(fitted, 'cluster_id'));
    expect(column(scored, 'cluster_id').length).toBe(23_570);

    const sql = await cli(['sql', 'out/model.json', '--dialect', 'duckdb']);
    expect(sql.code).toBe(0);
    expect(sql.out).toMatch(/z_frequency/);
    expect(sql.out).not.toMatch(/z_monetary/);
    expect(sql.out).toMatch(/CAST\(0 AS DOUBLE\) AS monetary/);
  }, 120_000);

  it('--settings carries the features of a model.json; --leave-out names the choices', async () => {
    const sample = join(process.cwd(), 'fixtures/online-retail-rfm-2011h2.csv');
    const a = await cli(['fit', sample, '--out', 'fm', '--no-record', '--k', '3', '--leave-out', 'recency']);
    expect(a.code).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'fm/model.json'), 'utf8'));
    expect(m.features).toEqual(['frequency', 'monetary']);
    const b = await cli([
      'fit',
      sample,
      '--out',
      'fm2',
      '--no-record',
      '--k',
      '3',
      '--settings',
      'fm/model.json',
    ]);
    expect(b.code).toBe(0);
    const m2 = JSON.parse(readFileSync(join(dir, 'fm2/model.json'), 'utf8'));
    expect(m2.features).toEqual(['frequency', 'monetary']);
    expect(m2.transform).toEqual(m.transform);
    const bad = await cli(['fit', sample, '--out', 'x', '--no-record', '--leave-out', 'price']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--leave-out must be recency, frequency or monetary');
  }, 120_000);
});
