import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSql } from '../../core/sql';
import { sqlCommand } from './sql';

const fixtures = fileURLToPath(new URL('../../core/sql/__fixtures__/', import.meta.url));

async function run(positionals: string[], values: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await sqlCommand.run(
    { positionals, values },
    { out: (t) => out.push(t), err: (t) => err.push(t), progress: () => {}, cwd: fixtures },
  );
  return { code, out: out.join(''), err: err.join('') };
}

describe('segment-notebook sql', () => {
  it('prints the script of the model for the dialect and table', async () => {
    const r = await run(['online-retail-model.json'], { dialect: 'postgres', table: 'dw.sales' });
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const model = JSON.parse(readFileSync(`${fixtures}online-retail-model.json`, 'utf8')) as unknown;
    expect(r.out).toBe(generateSql(model, { dialect: 'postgres', table: 'dw.sales' }));
    expect(r.out).toContain('FROM dw.sales');
  });
  it('exits 2 without a dialect, 5 on a missing file, 4 on a file that is not a model', async () => {
    expect((await run(['online-retail-model.json'], {})).code).toBe(2);
    expect((await run(['online-retail-model.json'], { dialect: 'oracle' })).code).toBe(2);
    expect((await run(['missing.json'], { dialect: 'duckdb' })).code).toBe(5);
    const bad = await run(['browser-side.ts'], { dialect: 'duckdb' });
    expect(bad.code).toBe(4);
    expect(bad.err).toContain('not valid JSON');
  });
});
