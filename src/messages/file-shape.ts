/** Sentences about the shape of a loaded file, shown by the Data cell and the command line alike. */
import type { TablePreview } from '../core/ingest/types';
import { headerAsWritten } from '../core/ingest/title-rows';

const quoted = (fields: readonly string[]): string => {
  const text = fields
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .join(', ');
  return `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;
};

/** How the user can skip title lines: a button in the Data step, a command-line option, or editing the file. */
export type SkipHow = 'button' | 'cli' | 'file';

/**
 * Title lines above the header (`titleLines` of src/core/ingest/title-rows.ts): which line looks like
 * the header and what to do. `sheet`: the file is a workbook (rows, not lines).
 */
export function titleLinesSentence(
  preview: TablePreview,
  lines: number,
  sheet: boolean,
  how: SkipHow,
): { title: string; body: string; action: string } {
  const unit = sheet ? 'row' : 'line';
  const first = headerAsWritten(preview);
  const above = lines === 1 ? `${unit} 1` : `${unit}s 1–${lines}`;
  const action = `Read ${unit} ${lines + 1} as the header`;
  const where = sheet ? 'sheet' : 'file';
  const fix =
    how === 'button'
      ? `“${action}” reads the ${where} again from there`
      : how === 'cli'
        ? `--skip-lines ${lines} reads the ${where} from there`
        : `Delete the first ${lines === 1 ? unit : `${lines} ${unit}s`} of the ${where} and load it again`;
  return {
    title: `The header looks like ${unit} ${lines + 1}, not ${unit} 1`,
    body: `${above[0]!.toUpperCase()}${above.slice(1)} (${[first, ...preview.rows.slice(0, lines - 1)].map(quoted).join(', ')}) ${lines === 1 ? 'looks' : 'look'} like a title; ${unit} ${lines + 1} (${quoted(preview.rows[lines - 1] ?? [])}) names the columns. ${fix}; until then the columns are named from ${unit} 1.`,
    action,
  };
}

/** Title lines skipped as asked: what was read. */
export function skippedLinesSentence(lines: number, sheet: boolean): string {
  const unit = sheet ? 'row' : 'line';
  const above = lines === 1 ? `${unit} 1` : `${unit}s 1–${lines}`;
  return `${above[0]!.toUpperCase()}${above.slice(1)} ${lines === 1 ? 'was' : 'were'} skipped as a title: the header is ${unit} ${lines + 1}, and row numbers count from the ${sheet ? 'sheet' : 'file'}'s first ${unit}.`;
}
