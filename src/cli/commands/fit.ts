/** `segment-notebook fit FILE --out DIR`: the whole notebook on a file, its exports and a run record. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit-codes';
import { fitFiles, fitRunRecord } from '../fit/outputs';
import { fitFile } from '../fit/pipeline';
import { COLUMN_HELP, parseColumnOptions } from '../fit/columns';
import { defaultRunsDir, recordRun } from '../runs-folder';
import { PRESETS, settingsFromJson, type LoadedSettings } from '../settings';
import { intOption, ioError, requiredOption, requirePositionals, throttled } from './util';
import { isModelFeature, type ModelFeature } from '../../core/model/model-types';
import { duplicatesSentence, statusSentence } from '../../messages/cleaning';

export const fitCommand: Command = {
  name: 'fit',
  summary:
    'segment the customers of a transactions file (or RFM table): model.json, customers.csv, profiles.csv, run.json',
  help: `Usage: segment-notebook fit FILE --out DIR [--settings model.json] [--preset default|reference]
                            [--k K] [--seed S] [--leave-out FEATURE] [--runs DIR | --no-record]

Walks the notebook on FILE (.csv .tsv .txt, gzipped, or .xlsx) exactly as the browser app does:
columns detected from the headers, cleaning, RFM, Yeo-Johnson, the k-means sweep k = 1..10 (seeded
k-means++, 10 starts), the chosen k, profiles and suggested names. Writes to DIR:
  model.json     the model (settings, λ, standardisation, centroids, seed) — as the Export cell
  customers.csv  every customer's recency, frequency, monetary, cluster_id, cluster_name
  profiles.csv   one row per segment
  run.json       the run record (input sha256, parameters, sweep metrics, sizes, duration)
and records the run (run.json plus the three files) in the runs folder.

Options:
  --out DIR          output folder (created if missing)                        [required]
  --settings FILE    cleaning, RFM and RFM-score settings (and seed) from a model.json or a settings JSON
  --preset NAME      default (the app's defaults) or reference (the reference notebook's)
  --k K              number of segments (1..10); default: the sweep's suggested k, as the app
  --seed S           k-means++ seed (0..4294967295); default: the settings' seed, else 42
  --leave-out F      model on two features: leave recency, frequency or monetary out (default: the
                     settings' features, else all three; a file without money is an R+F model)
  --runs DIR         runs folder (default ./runs or $SEGMENT_NOTEBOOK_RUNS)
  --no-record        do not record the run in the runs folder
${COLUMN_HELP}

The engine is the float64 typed-array one (the app's "plain" engine); data and engine steps run in
worker threads, as the app's Web Workers.`,
  options: {
    out: { type: 'string', short: 'o' },
    settings: { type: 'string' },
    preset: { type: 'string' },
    k: { type: 'string' },
    seed: { type: 'string' },
    'leave-out': { type: 'string' },
    runs: { type: 'string' },
    'no-record': { type: 'boolean' },
    column: { type: 'string', multiple: true },
    'skip-lines': { type: 'string' },
  },
  async run({ values, positionals }, ctx) {
    requirePositionals(positionals, 1, 'one input FILE', 'fit');
    const outDir = requiredOption(values, 'out', 'DIR', 'the folder for the outputs');
    const path = resolve(ctx.cwd, positionals[0]!);
    let settings: LoadedSettings = PRESETS.default!;
    if (values.preset !== undefined) {
      const p = PRESETS[String(values.preset)];
      if (!p)
        throw new CliError(
          'usage',
          `--preset must be one of ${Object.keys(PRESETS).join(', ')}.`,
          EXIT.usage,
        );
      settings = p;
    }
    if (typeof values.settings === 'string') {
      const file = resolve(ctx.cwd, values.settings);
      settings = settingsFromJson(await readFile(file, 'utf8').catch((e) => ioError(e, file)), file);
    }
    const columns = parseColumnOptions(values.column);
    const skipLines = intOption(values['skip-lines'], '--skip-lines', 1, 1000);
    const k = intOption(values.k, '--k', 1, 10);
    const leaveOut = values['leave-out'];
    if (leaveOut !== undefined && !isModelFeature(leaveOut))
      throw new CliError(
        'usage',
        '--leave-out must be recency, frequency or monetary (the model keeps the other two).',
        EXIT.usage,
      );
    const leftOut = (leaveOut as ModelFeature | undefined) ?? settings.leftOut ?? null;
    const seed = intOption(values.seed, '--seed', 0, 0xffffffff) ?? settings.seed ?? 42;
    const t0 = performance.now();
    const bytes = await readFile(path).catch((e) => ioError(e, path));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const name = basename(path);
    const backend = ctx.backend();
    const result = await fitFile(
      backend,
      new Blob([bytes]),
      name,
      {
        cleaning: settings.cleaning,
        rfm: settings.rfm,
        seed,
        k,
        engine: 'plain',
        columns,
        skipLines,
        leftOut,
      },
      throttled((stage, detail) => ctx.progress(`fit: ${stage}${detail ? ` (${detail})` : ''}`)),
    );
    const status = result.mapping.statusColumn;
    if (status) ctx.err(`segment-notebook fit: warning: ${statusSentence(status)}\n`);
    const dup = result.cleaning?.duplicates;
    if (dup?.basis === 'unsure' && dup.identicalLines > 0 && settings.cleaning.dropDuplicates)
      ctx.err(
        `segment-notebook fit: warning: ${duplicatesSentence(dup)} The cleaning rule dropDuplicates removed them; to keep them, pass --settings with "cleaning": { "dropDuplicates": false }.\n`,
      );
    const createdAt = new Date();
    const files = fitFiles(result, name, ctx.appVersion, createdAt, settings.scores);
    const record = fitRunRecord(
      result,
      { name, sha256, bytes: bytes.byteLength },
      ctx.appVersion,
      createdAt,
      Math.round(performance.now() - t0),
    );
    const out = resolve(ctx.cwd, outDir);
    await mkdir(out, { recursive: true }).catch((e) => ioError(e, out));
    for (const [file, text] of Object.entries(files))
      await writeFile(join(out, file), text).catch((e) => ioError(e, join(out, file)));
    await writeFile(join(out, 'run.json'), `${JSON.stringify(record, null, 2)}\n`).catch((e) =>
      ioError(e, join(out, 'run.json')),
    );
    ctx.progress(
      `fit: ${result.profiles.n.toLocaleString('en')} customers in ${result.k} segments (suggested k = ${result.suggestedK ?? 'none'}, seed ${seed}) → ${out}`,
    );
    if (values['no-record'] !== true) {
      const runs = typeof values.runs === 'string' ? resolve(ctx.cwd, values.runs) : defaultRunsDir(ctx.cwd);
      const at = await recordRun(runs, record, files).catch((e) => ioError(e, runs));
      ctx.progress(`fit: run ${record.id} recorded in ${at}`);
    }
    ctx.out(`${record.id}\n`);
    return EXIT.ok;
  },
};
