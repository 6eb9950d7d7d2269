/**
 * The built command (scripts/segment-notebook.mjs → dist-cli, worker threads) against the same command
 * run in this thread: identical files, so the threads change nothing. Builds dist-cli first.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../main';

const ROOT = process.cwd();
const BIN = join(ROOT, 'scripts/segment-notebook.mjs');
const SAMPLE = join(ROOT, 'public/sample/online-retail.csv.gz');
let dir = '';

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build/cli.mjs')], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'sn-bin-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withoutTime = (text: string) => text.replace(/"createdAt": "[^"]+"/, '"createdAt": "…"');

describe('scripts/segment-notebook.mjs (bundled, worker threads)', () => {
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

  it("score MODEL FILE: the fit's own file scores to the fit's labels; the summary is JSON on stdout", () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'score', 'threads/model.json', SAMPLE, '--out', 'scored/customers.csv', '-q'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      input: { customers: number };
      segments: { sizeThen: number; sizeNow: number }[];
      drift: Record<string, { psi: number }>;
    };
    expect(summary.input.customers).toBe(4316);
    expect(summary.segments).toHaveLength(4);
    for (const s of summary.segments) expect(s.sizeNow).toBe(s.sizeThen);
    for (const f of ['recency', 'frequency', 'monetary']) expect(summary.drift[f]!.psi).toBe(0);
    // Every column, the RFM scores too: the saved break values score the training customers as the fit did.
    expect(readFileSync(join(dir, 'scored/customers.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'threads/customers.csv'), 'utf8'),
    );
    const bad = spawnSync(process.execPath, [BIN, 'score', SAMPLE, SAMPLE, '--out', 'x.csv'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(4);
  });

  it('serve: answers on loopback, stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', 'threads/model.json', '--port', '0'], { cwd: dir });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toContain('SIGTERM');
  });

  it('serve: a taken port is exit 6', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const r = spawnSync(process.execPath, [BIN, 'serve', 'threads/model.json', '--port', String(port)], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
    });
    blocker.close();
    expect(r.status).toBe(6);
    expect(r.stderr).toContain('port is taken');
  });
});
