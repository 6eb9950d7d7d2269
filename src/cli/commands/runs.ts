/** `segment-notebook runs [DIR]` and `segment-notebook runs diff A B`. */
import { resolve } from 'node:path';
import { diffRuns } from '../../core/runs/diff';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit-codes';
import { defaultRunsDir, findRun, listRuns } from '../runs-folder';

function fmt(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
  return JSON.stringify(v);
}

export const runsCommand: Command = {
  name: 'runs',
  summary: 'list recorded runs, or show what differs between two (runs diff A B)',
  help: `Usage: segment-notebook runs [DIR] [--json]
       segment-notebook runs diff A B [--runs DIR] [--json]

Lists the runs recorded by \`fit\` in DIR (default ./runs or $SEGMENT_NOTEBOOK_RUNS), oldest first:
id, time, input, customers, chosen k, seed.
\`runs diff A B\` compares two runs (ids, unique id prefixes, run folders or run.json files): every
parameter and metric that differs (cleaning, RFM, k-means settings, sweep metrics per k, λ, sizes).

Options:
  --runs DIR   runs folder for diff (default ./runs)
  --json       machine-readable output on stdout`,
  options: { runs: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, ctx) {
    const json = values.json === true;
    const warn = (t: string) => ctx.err(`segment-notebook runs: ${t}\n`);
    if (positionals[0] === 'diff') {
      if (positionals.length !== 3)
        throw new CliError(
          'usage',
          'runs diff needs two runs: `segment-notebook runs diff A B`.',
          EXIT.usage,
        );
      const dir = typeof values.runs === 'string' ? resolve(ctx.cwd, values.runs) : defaultRunsDir(ctx.cwd);
      const a = await findRun(dir, positionals[1]!, warn);
      const b = await findRun(dir, positionals[2]!, warn);
      const diff = diffRuns(a, b);
      if (json) ctx.out(`${JSON.stringify({ a: a.id, b: b.id, differences: diff }, null, 2)}\n`);
      else {
        ctx.out(`A ${a.id}\nB ${b.id}\n`);
        if (diff.length === 0) ctx.out('No differences in parameters or metrics.\n');
        else for (const d of diff) ctx.out(`${d.path}\n  A: ${fmt(d.a)}\n  B: ${fmt(d.b)}\n`);
      }
      return EXIT.ok;
    }
    if (positionals.length > 1)
      throw new CliError(
        'usage',
        'give at most one runs folder (see `segment-notebook runs --help`).',
        EXIT.usage,
      );
    const dir = positionals[0] !== undefined ? resolve(ctx.cwd, positionals[0]) : defaultRunsDir(ctx.cwd);
    const runs = await listRuns(dir, warn);
    if (json) {
      ctx.out(
        `${JSON.stringify(
          runs.map((r) => ({ dir: r.dir, ...r.record })),
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    if (runs.length === 0) {
      ctx.out(`No runs in ${dir}.\n`);
      return EXIT.ok;
    }
    const rows = runs.map(({ record: r }) => [
      r.id,
      r.createdAt,
      r.input.name,
      String(r.metrics.customersModelled),
      String(r.metrics.chosenK),
      String(r.params.kmeans.seed),
    ]);
    const head = ['id', 'time', 'input', 'customers', 'k', 'seed'];
    const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
    for (const r of [head, ...rows])
      ctx.out(
        `${r
          .map((c, j) => c.padEnd(w[j]!))
          .join('  ')
          .trimEnd()}\n`,
      );
    return EXIT.ok;
  },
};
