// Types of scripts/data/xlsx-writer.mjs (imported by the xlsx reader's tests).
export type WriterCell =
  | string
  | number
  | boolean
  | null
  | undefined
  | { t: 'n'; v?: number | string; s?: number }
  | { t: 's' | 'inlineStr' | 'str' | 'e' | 'd'; v: string; s?: number; f?: string }
  | { t: 'b'; v: boolean; s?: number };
export type WriterRow = readonly WriterCell[] | { r: number; cells: readonly WriterCell[] };
export interface WriterSheet {
  name: string;
  rows?: Iterable<WriterRow>;
  hidden?: boolean;
  /** Raw worksheet XML instead of rows. */
  xml?: string;
}
export interface WriterSpec {
  sheets: WriterSheet[];
  date1904?: boolean;
  inlineStrings?: boolean;
  numFmts?: { id: number; code: string }[];
  cellXfs?: number[];
  parts?: Record<string, string>;
  level?: number;
  omitRefs?: boolean;
}
export function escapeXml(s: string): string;
export function columnName(i: number): string;
export function msToSerial(ms: number): number;
export function writeXlsx(spec: WriterSpec): Uint8Array;
