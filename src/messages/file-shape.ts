/** Sentences about the shape of a loaded file, shown by the Data cell and the command line alike. */
import type { TablePreview } from '../core/ingest/types';

const quoted = (fields: readonly string[]): string => {
  const text = fields
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .join(', ');
  return `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;
};

/**
 * Title lines above the header (`titleLines` of src/core/ingest/title-rows.ts): which line looks like
 * the header and what to do. `sheet`: the file is a workbook (rows, not lines).
 */
export function titleLinesSentence(
  preview: TablePreview,
  lines: number,
  sheet: boolean,
): { title: string; body: string } {
  const unit = sheet ? 'row' : 'line';
  const first = preview.headers.map((h, j) => (h === `Column ${j + 1}` ? '' : h));
  const above = lines === 1 ? `${unit} 1` : `${unit}s 1–${lines}`;
  return {
    title: `The header looks like ${unit} ${lines + 1}, not ${unit} 1`,
    body: `${above[0]!.toUpperCase()}${above.slice(1)} (${[first, ...preview.rows.slice(0, lines - 1)].map(quoted).join(', ')}) ${lines === 1 ? 'looks' : 'look'} like a title; ${unit} ${lines + 1} (${quoted(preview.rows[lines - 1] ?? [])}) names the columns. Delete the first ${lines === 1 ? unit : `${lines} ${unit}s`} of the ${sheet ? 'sheet' : 'file'} and load it again: until then the columns are named from ${unit} 1 and no role may be found.`,
  };
}
