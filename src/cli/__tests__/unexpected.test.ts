/** An unexpected failure (a bug, not the user's input): exit 1, a sentence, the stack only when asked. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'sn-unexpected-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `runs` on an empty folder with a stdout that fails as no coded error does. */
async function failingRun(env: Record<string, string>): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await run(['runs', dir], {
    cwd: dir,
    backend: 'inline',
    env,
    out: () => {
      throw new TypeError('stdout went away');
    },
    err: (t) => void (err += t),
  });
  return { code, err };
}

describe('an unexpected failure', () => {
  it('exits 1 with what happened and what to do, without the stack', async () => {
    const { code, err } = await failingRun({});
    expect(code).toBe(1);
    expect(err).toBe(
      'segment-notebook runs: unexpected failure (a bug in segment-notebook, not a problem with your files): ' +
        'TypeError: stdout went away. Please report it with the command you ran; ' +
        'SEGMENT_NOTEBOOK_DEBUG=1 shows where it happened.\n',
    );
  });

  it('adds the stack with SEGMENT_NOTEBOOK_DEBUG=1', async () => {
    const { code, err } = await failingRun({ SEGMENT_NOTEBOOK_DEBUG: '1' });
    expect(code).toBe(1);
    expect(err).toMatch(/^segment-notebook runs: unexpected failure .*TypeError: stdout went away\.\n/);
    expect(err).toMatch(/\n\s+at .*runs\.ts/);
  });
});
