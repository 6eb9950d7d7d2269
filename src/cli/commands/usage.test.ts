/** Usage mistakes of the commands (src/cli/commands/util.ts): exit 2 and a sentence saying what to give. */
import { describe, expect, it } from 'vitest';
import { run } from '../main';

async function usageOf(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await run(argv, {
    cwd: process.cwd(),
    backend: 'inline',
    out: () => undefined,
    err: (t) => (err += t),
  });
  return { code, err };
}

describe('command-line usage errors', () => {
  it.each([
    [
      ['fit', '--out', 'x'],
      'segment-notebook fit: give one input FILE (see `segment-notebook fit --help`). [usage]',
    ],
    [['fit', 'a.csv'], 'segment-notebook fit: --out DIR is required (the folder for the outputs). [usage]'],
    [
      ['score', 'model.json', '--out', 'x.csv'],
      'segment-notebook score: give MODEL and FILE (see `segment-notebook score --help`). [usage]',
    ],
    [
      ['score', 'model.json', 'a.csv'],
      'segment-notebook score: --out FILE is required (the scored customers CSV). [usage]',
    ],
    [['serve'], 'segment-notebook serve: give one MODEL file (see `segment-notebook serve --help`). [usage]'],
  ])('%j exits 2 saying what to give', async (argv, message) => {
    expect(await usageOf(argv)).toEqual({ code: 2, err: `${message}\n` });
  });
});
