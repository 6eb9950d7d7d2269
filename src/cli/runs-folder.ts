/**
 * The runs folder: one sub-folder per run, named by its id, holding run.json and the run's artifacts
 * (model.json, customers.csv, profiles.csv). This is Segment Notebook's own layout (not MLflow's file
 * store). Default folder: ./runs, or $SEGMENT_NOTEBOOK_RUNS.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseRunRecord, type RunRecord } from '../core/runs/run-record';
import { CliError, EXIT } from './exit-codes';

export function defaultRunsDir(cwd: string): string {
  return resolve(cwd, process.env.SEGMENT_NOTEBOOK_RUNS ?? 'runs');
}

export async function recordRun(
  dir: string,
  record: RunRecord,
  files: Readonly<Record<string, string>>,
): Promise<string> {
  const at = join(dir, record.id);
  await mkdir(at, { recursive: true });
  await writeFile(join(at, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
  for (const [name, text] of Object.entries(files)) await writeFile(join(at, name), text);
  return at;
}

export interface ListedRun {
  readonly dir: string;
  readonly record: RunRecord;
}

/** Runs in `dir`, oldest first; folders without a readable run.json are reported, not fatal. */
export async function listRuns(dir: string, warn: (t: string) => void): Promise<ListedRun[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new CliError(
      'no-runs-folder',
      `cannot read the runs folder ${dir} (${(e as Error).message}). Run \`segment-notebook fit\` first, or name the folder.`,
      EXIT.io,
    );
  }
  const out: ListedRun[] = [];
  for (const name of names.sort()) {
    const file = join(dir, name, 'run.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    try {
      out.push({ dir: join(dir, name), record: parseRunRecord(text, file) });
    } catch (e) {
      warn(`skipped ${file}: ${(e as Error).message}`);
    }
  }
  return out.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}

/** A run by id (or unique id prefix) in `dir`, or by the path of a run folder or run.json. */
export async function findRun(dir: string, ref: string, warn: (t: string) => void): Promise<RunRecord> {
  for (const file of [ref, join(ref, 'run.json')]) {
    try {
      const text = await readFile(resolve(file), 'utf8');
      return parseRunRecord(text, file);
    } catch (e) {
      if ((e as { code?: string }).code === 'bad-run')
        throw new CliError('bad-run', (e as Error).message, EXIT.model);
    }
  }
  const runs = await listRuns(dir, warn);
  const hits = runs.filter((r) => r.record.id === ref || r.record.id.startsWith(ref));
  if (hits.length === 1) return hits[0]!.record;
  if (hits.length === 0)
    throw new CliError(
      'no-such-run',
      `no run "${ref}" in ${dir}. \`segment-notebook runs ${dir}\` lists them.`,
      EXIT.usage,
    );
  throw new CliError(
    'ambiguous-run',
    `"${ref}" matches ${hits.length} runs in ${dir}; give more of the id.`,
    EXIT.usage,
  );
}
