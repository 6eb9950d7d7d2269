/**
 * `segment-notebook sql MODEL --dialect D [--table T]`: prints the warehouse SQL of a saved model
 * (src/core/sql, docs/warehouse-sql.md).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  DIALECT_LABELS,
  EXECUTED_DIALECTS,
  SQL_DIALECTS,
  SqlGenerationError,
  generateSql,
} from '../../core/sql';
import type { SqlDialect } from '../../core/sql';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit-codes';
import { ioError } from './util';

const MODEL_PROBLEMS: Record<string, string> = {
  'sql-not-a-model': 'is not a Segment Notebook model',
  'sql-no-input':
    'does not record how its file was read (header names, date and number formats); export it again from this version',
  'sql-rfm-table': 'was made from an RFM table; the SQL starts from transactions',
  'sql-excel-dates': 'reads Excel day-number dates, which the SQL does not read',
  'sql-outliers': 'uses the extreme-lines cleaning rule, which the SQL does not reproduce; refit with it off',
};

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'print the SQL that reproduces a model’s cleaning, RFM and segments in a warehouse',
  help: `Usage: segment-notebook sql MODEL --dialect D [--table T]

Prints one SQL script (docs/warehouse-sql.md): the model's cleaning rules, RFM and scoring (saved λ,
means, scales, centres; nearest centre). It reads table T (default transactions) whose columns carry
the file's header names, every column stored as text, and its last statement returns customer_id,
recency, frequency, monetary, cluster_id, segment_name, one row per modelled customer.

Dialects: ${SQL_DIALECTS.map((d) => `${d} (${EXECUTED_DIALECTS.includes(d) ? 'verified on the engine' : 'syntax-checked'})`).join(', ')}.

Options:
  --dialect D   ${SQL_DIALECTS.join(' | ')}                  [required]
  --table T     the table to read (letters, digits, _; schema.table allowed)`,
  options: { dialect: { type: 'string', short: 'd' }, table: { type: 'string', short: 't' } },
  async run({ values, positionals }, ctx) {
    const dialect = values.dialect;
    if (
      positionals.length !== 1 ||
      typeof dialect !== 'string' ||
      !SQL_DIALECTS.includes(dialect as SqlDialect)
    ) {
      throw new CliError(
        'usage',
        `give MODEL and --dialect ${SQL_DIALECTS.join('|')} (see \`segment-notebook sql --help\`).`,
        EXIT.usage,
      );
    }
    const table = typeof values.table === 'string' ? values.table : 'transactions';
    const path = resolve(ctx.cwd, positionals[0]!);
    const text = await readFile(path, 'utf8').catch((e) => ioError(e, path));
    let sql: string;
    try {
      sql = generateSql(JSON.parse(text) as unknown, { dialect: dialect as SqlDialect, table });
    } catch (e) {
      const code = e instanceof SqlGenerationError ? e.code : 'bad-json';
      const problem =
        e instanceof SqlGenerationError
          ? (MODEL_PROBLEMS[e.code] ?? e.code)
          : `is not valid JSON (${String(e)})`;
      throw new CliError(code, `${path} ${problem}.`, EXIT.model);
    }
    ctx.out(sql);
    if (!EXECUTED_DIALECTS.includes(dialect as SqlDialect))
      ctx.progress(
        `sql: ${DIALECT_LABELS[dialect as SqlDialect]} output is syntax-checked, not executed in the tests.`,
      );
    return EXIT.ok;
  },
};
