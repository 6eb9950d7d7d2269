/**
 * The shape of the code is held by lint (eslint.config.js): these run ESLint's Node API on small
 * fixtures (src/__lint-fixtures__, plain text so the main lint and typecheck skip them) under the paths
 * they pretend to live at, and assert the errors a real file there would get.
 */
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = new URL('..', import.meta.url);
const fixture = (name: string): string =>
  readFileSync(new URL(`./__lint-fixtures__/${name}`, import.meta.url), 'utf8');

async function lintAs(name: string, filePath: string): Promise<{ ruleId: string | null; message: string }[]> {
  const eslint = new ESLint({ cwd: root.pathname });
  const [result] = await eslint.lintText(fixture(name), { filePath: new URL(filePath, root).pathname });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

describe('eslint.config.js holds the layers', () => {
  test('a file in src/core that uses document, window or localStorage fails', async () => {
    const messages = await lintAs('core-uses-document.txt', 'src/core/ingest/lint-fixture.ts');
    const globals = messages.filter((m) => m.ruleId === 'no-restricted-globals');
    expect(globals.map((m) => /'(\w+)'/.exec(m.message)?.[1])).toEqual([
      'document',
      'window',
      'localStorage',
    ]);
    expect(globals[0]!.message).toContain('src/core is pure');
  });

  test('the same code outside src/core is not flagged by that rule', async () => {
    const messages = await lintAs('core-uses-document.txt', 'src/components/lint-fixture.ts');
    expect(messages.filter((m) => m.ruleId === 'no-restricted-globals')).toEqual([]);
  });

  test('a feature importing another feature fails', async () => {
    const messages = await lintAs('feature-imports-feature.txt', 'src/features/export/lint-fixture.ts');
    const zones = messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths');
    expect(zones).toHaveLength(1);
    expect(zones[0]!.message).toContain('a feature never imports another feature');
  }, 60_000);

  test('a feature importing what features share (store selectors, components) passes', async () => {
    const messages = await lintAs('feature-imports-shared.txt', 'src/features/export/lint-fixture.ts');
    expect(messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths')).toEqual([]);
  }, 60_000);

  test('src/workers importing the message module fails; the store may', async () => {
    const worker = await lintAs('worker-imports-messages.txt', 'src/workers/data/lint-fixture.ts');
    const zones = worker.filter((m) => m.ruleId === 'import-x/no-restricted-paths');
    expect(zones).toHaveLength(1);
    expect(zones[0]!.message).toContain('sentences are written at the edge');
    const store = await lintAs('worker-imports-messages.txt', 'src/store/sub/lint-fixture.ts');
    expect(store.filter((m) => m.ruleId === 'import-x/no-restricted-paths')).toEqual([]);
  }, 60_000);
});
