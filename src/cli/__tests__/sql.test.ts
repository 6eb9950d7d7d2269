/** `segment-notebook sql` through the command line entry (argument parsing, exit codes, messages). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSql } from '../../core/sql';
import { run } from '../main';

const fixtures = fileURLToPath(new URL('../../core/sql/__fixtures__/', import.meta.url));

async function sql(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['sql', ...argv], {
    cwd: fixtures,
    backend: 'inline',
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('segment-notebook sql', () => {
  it('prints the script of the model for the dialect and table', async () => {
    const r = await sql(['online-retail-model.json', '--dialect', 'postgres', '--table', 'dw.sales']);
    expect(r.code).toBe(0);
    const model = JSON.parse(readFileSync(`${fixtures}online-retail-model.json`, 'utf8')) as unknown;
    expect(r.out).toBe(generateSql(model, { dialect: 'postgres', table: 'dw.sales' }));
    expect(r.out).toContain('FROM dw.sales');
  });
  it('exits 2 without a dialect, 5 on a missing file, 4 on a file that is not a model', async () => {
    expect((await sql(['online-retail-model.json'])).code).toBe(2);
    expect((await sql(['online-retail-model.json', '--dialect', 'oracle'])).code).toBe(2);
    const missing = await sql(['missing.json', '--dialect', 'duckdb']);
    expect(missing.code).toBe(5);
    expect(missing.err).toContain('missing.json');
    const bad = await sql(['browser-side.ts', '--dialect', 'duckdb']);
    expect(bad.code).toBe(4);
    expect(bad.err).toContain('not valid JSON');
  });
});
