/**
 * The built command (bin/segment-notebook.mjs → dist-cli, worker threads) against the same command
 * run in this thread: identical files, so the threads change nothing. Builds dist-cli first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../main';

const ROOT = process.cwd();
const BIN = join(ROOT, 'bin/segment-notebook.mjs');
const SAMPLE = join(ROOT, 'public/sample/online-retail.csv.gz');
let dir = '';

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build/cli.mjs')], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'sn-bin-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withoutTime = (text: string) => text.replace(/"createdAt": "[^"]+"/, '"createdAt": "…"');

describe('bin/segment-notebook.mjs (bundled, worker threads)', () => {
  it('--help per command, exit 0; unknown command exit 2', () => {
    for (const cmd of ['fit', 'runs']) {
      const r = spawnSync(process.execPath, [BIN, cmd, '--help'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`segment-notebook ${cmd}`);
      expect(r.stdout).toContain('Exit codes');
    }
    expect(spawnSync(process.execPath, [BIN, 'nope'], { encoding: 'utf8' }).status).toBe(2);
  });

  it('fit --k 4 --seed 3 in worker threads writes the same files as in one thread', async () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'fit', SAMPLE, '--out', 'threads', '--k', '4', '--seed', '3', '--no-record'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.stderr).toContain('fit: sweep');
    expect(r.status).toBe(0);
    const code = await run(
      ['fit', SAMPLE, '--out', 'inline', '--k', '4', '--seed', '3', '--no-record', '-q'],
      {
        cwd: dir,
        backend: 'inline',
        out: () => undefined,
        err: () => undefined,
      },
    );
    expect(code).toBe(0);
    for (const f of ['customers.csv', 'profiles.csv'])
      expect(readFileSync(join(dir, 'threads', f), 'utf8')).toBe(
        readFileSync(join(dir, 'inline', f), 'utf8'),
      );
    expect(withoutTime(readFileSync(join(dir, 'threads', 'model.json'), 'utf8'))).toBe(
      withoutTime(readFileSync(join(dir, 'inline', 'model.json'), 'utf8')),
    );
  });
});
