import type { RawTable, TablePreview } from './types';
import { parseDelimited, sniffDelimiter, stripBom, type Delimiter } from './delimited';
import { RawTableBuilder } from './table-builder';

/** Parses a whole decoded text into a RawTable (pure; the browser worker streams with papaparse). */
export function parseText(
  text: string,
  meta: { fileName: string; byteLength: number; encoding: string; delimiter?: Delimiter },
): { table: RawTable; preview: TablePreview } {
  const body = stripBom(text);
  const delimiter = meta.delimiter ?? sniffDelimiter(body.slice(0, 65_536));
  const b = new RawTableBuilder();
  parseDelimited(body, delimiter, (row) => b.pushRow(row));
  return {
    table: b.build({
      fileName: meta.fileName,
      byteLength: meta.byteLength,
      delimiter,
      encoding: meta.encoding,
    }),
    preview: b.tablePreview(),
  };
}
