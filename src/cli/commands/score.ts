/** `segment-notebook score MODEL FILE --out customers.csv`: apply a saved model to a new file. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { computeDrift, replaySettings, scoreCustomers } from '../../core/model';
import { customersCsv } from '../../core/segments/exports';
import { savedScoreColumnsFor } from '../../core/rfm-scores';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { rfmOfFile } from '../fit/pipeline';
import { COLUMN_HELP, parseColumnOptions } from '../fit/columns';
import { readModel } from './model-file';
import { intOption, ioError, requiredOption, requirePositionals, throttled } from './util';

const nullable = (v: number) => (Number.isFinite(v) ? v : null);

export const scoreCommand: Command = {
  name: 'score',
  summary: 'apply a saved model to a new file: customers.csv and a JSON drift summary',
  help: `Usage: segment-notebook score MODEL FILE --out customers.csv [--summary drift.json]

Reads FILE (transactions or an RFM table) with the model's cleaning and RFM settings (the saved date
window and analysis date belong to the old file and are not replayed: the analysis date is the new
file's default), computes every customer's R, F, M, and assigns each to the model's nearest centroid
(the saved λ, means, scales and centroids; nothing is refitted). Writes --out with the columns of the
fit's customers.csv and prints a JSON summary on stdout (or to --summary): customers, segment sizes
then and now, and drift per feature (population stability index over the training deciles, share
outside the training range) when the model carries a training summary (formatVersion 2).

Options:
  --out FILE       the scored customers (CSV)                                 [required]
  --summary FILE   write the JSON summary there instead of stdout
${COLUMN_HELP}

Columns are detected from headers and values, then the model's training headers where the file has
them; a cleaning rule of the model whose column is missing (non-product codes, unspecified country)
stops the scoring with exit 3 naming the column, since the R, F, M would not be the model's.`,
  options: {
    out: { type: 'string', short: 'o' },
    summary: { type: 'string' },
    column: { type: 'string', multiple: true },
    'skip-lines': { type: 'string' },
  },
  async run({ values, positionals }, ctx) {
    requirePositionals(positionals, 2, 'MODEL and FILE', 'score');
    const outFile = requiredOption(values, 'out', 'FILE', 'the scored customers CSV');
    const columns = parseColumnOptions(values.column);
    const skipLines = intOption(values['skip-lines'], '--skip-lines', 1, 1000);
    const model = await readModel(ctx.cwd, positionals[0]);
    const path = resolve(ctx.cwd, positionals[1]!);
    const bytes = await readFile(path).catch((e) => ioError(e, path));
    const replay = replaySettings(model);
    for (const f of replay.notReplayed) ctx.progress(`score: the model's ${f} is not replayed on a new file`);
    const data = await rfmOfFile(
      ctx.backend(),
      new Blob([bytes]),
      basename(path),
      { ...replay, columns, skipLines, training: model.trainingColumns, modelFeatures: model.features },
      throttled((stage, detail) => ctx.progress(`score: ${stage}${detail ? ` (${detail})` : ''}`)),
    );
    const cols = { recency: data.rfm.recency, frequency: data.rfm.frequency, monetary: data.rfm.monetary };
    const scores = scoreCustomers(model, cols);
    const drift = computeDrift(model, cols, scores);
    const out = resolve(ctx.cwd, outFile);
    await mkdir(dirname(out), { recursive: true }).catch((e) => ioError(e, dirname(out)));
    await writeFile(
      out,
      customersCsv({
        customerIds: data.rfm.customerIds,
        ...cols,
        labels: scores.clusterIndex,
        names: model.names,
        // RFM scores with the model's SAVED break values and rules (nothing re-computed).
        rfmScores: savedScoreColumnsFor(model.rfmScores, cols),
      }),
    ).catch((e) => ioError(e, out));
    const summary = {
      model: model.id,
      input: { name: basename(path), rows: data.load.rowCount, customers: data.rfm.customerIds.length },
      notReplayed: replay.notReplayed,
      segments: drift.segments.map((s, c) => ({
        index: c,
        id: c + 1,
        name: model.names[c] ?? '',
        sizeThen: s.sizeThen,
        sizeNow: s.sizeNow,
        shareThen: nullable(s.shareThen),
        shareNow: nullable(s.shareNow),
        beyondTrainingP99: s.beyond,
      })),
      drift: drift.features
        ? Object.fromEntries(
            Object.entries(drift.features).map(([f, d]) => [
              f,
              {
                psi: d.psi,
                belowShare: d.belowShare,
                aboveShare: d.aboveShare,
                outsideShare: d.outsideShare,
              },
            ]),
          )
        : null,
      driftNote: drift.features
        ? null
        : 'The model has no training summary (formatVersion 1): drift per feature cannot be computed; refit with this version.',
      farFromCentroid: drift.farCount,
    };
    const text = `${JSON.stringify(summary, null, 2)}\n`;
    if (typeof values.summary === 'string') {
      const s = resolve(ctx.cwd, values.summary);
      await writeFile(s, text).catch((e) => ioError(e, s));
    } else ctx.out(text);
    ctx.progress(`score: ${data.rfm.customerIds.length.toLocaleString('en')} customers → ${out}`);
    return EXIT.ok;
  },
};
