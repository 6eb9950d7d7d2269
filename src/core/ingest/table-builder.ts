import type { DictColumn, RawTable, TablePreview } from '../types';

/**
 * Dictionary-encodes one text column: each distinct string is stored once in `dict` and every row
 * holds an Int32 code (-1 for an empty/missing field). The 541,909-row UCI file has ~26k distinct
 * invoices, ~4k codes, ~23k dates, so the table is a few MB instead of millions of strings, and typed
 * conversions parse each distinct string once.
 */
export class DictColumnBuilder {
  private codes: Int32Array;
  private length = 0;
  private readonly map = new Map<string, number>();
  private lastValue = '';
  private lastCode = -1;
  readonly dict: string[] = [];

  constructor(initialCapacity = 1024) {
    this.codes = new Int32Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.length;
  }

  /** Appends a value; '' (after no trimming) is stored as -1. */
  push(value: string | undefined): void {
    if (this.length === this.codes.length) {
      const next = new Int32Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    if (value === undefined || value === '') {
      this.codes[this.length++] = -1;
      return;
    }
    // Runs of equal values (an invoice's lines share invoice, date, customer, country) skip the map.
    if (value === this.lastValue) {
      this.codes[this.length++] = this.lastCode;
      return;
    }
    let code = this.map.get(value);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(value);
      this.map.set(value, code);
    }
    this.lastValue = value;
    this.lastCode = code;
    this.codes[this.length++] = code;
  }

  /** Pads with missing values up to `n` rows (a column that appears only on ragged rows). */
  padTo(n: number): void {
    while (this.length < n) this.push(undefined);
  }

  build(name: string): DictColumn {
    return { name, codes: this.codes.slice(0, this.length), dict: this.dict };
  }
}

/**
 * Header names made usable: trimmed; blank → "Column N" (1-based); duplicates get " (2)", " (3)"…
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  raw.forEach((h, i) => {
    let name = h.trim();
    if (name === '') name = `Column ${i + 1}`;
    const key = name.toLowerCase();
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n > 0) {
      let k = n + 1;
      while (seen.has(`${key} (${k})`)) k++;
      name = `${name} (${k})`;
      seen.set(name.toLowerCase(), 1);
    }
    out.push(name);
  });
  return out;
}

const MAX_RAGGED_EXAMPLES = 5;

/**
 * Builds a RawTable from rows of strings; the first row pushed is the header. Rows with more
 * fields than the header add generated columns; rows with a different count are counted as ragged
 * (spreadsheet row numbers: header = row 1). Fields are trimmed of surrounding blanks.
 */
export class RawTableBuilder {
  private headerRaw: string[] | null = null;
  private cols: DictColumnBuilder[] = [];
  private rows = 0;
  private raggedCount = 0;
  private readonly raggedExamples: number[] = [];
  readonly preview: string[][] = [];

  constructor(private readonly previewRows = 20) {}

  get rowCount(): number {
    return this.rows;
  }

  get hasHeader(): boolean {
    return this.headerRaw !== null;
  }

  pushRow(fields: readonly string[]): void {
    // a line of blanks only
    if (fields.length <= 1 && (fields[0] ?? '').trim() === '') return;
    if (this.headerRaw === null) {
      this.headerRaw = fields.map((f) => f);
      this.cols = fields.map(() => new DictColumnBuilder(1 << 14));
      return;
    }
    const nh = this.headerRaw.length;
    const nf = fields.length;
    if (nf !== nh) {
      // a trailing empty field from a trailing delimiter is not ragged
      const trailingEmpty = nf === nh + 1 && fields[nf - 1]!.trim() === '';
      if (!trailingEmpty) {
        this.raggedCount++;
        if (this.raggedExamples.length < MAX_RAGGED_EXAMPLES) this.raggedExamples.push(this.rows + 2);
      }
      if (nf > nh && !trailingEmpty) {
        for (let j = this.cols.length; j < nf; j++) {
          const b = new DictColumnBuilder(1 << 10);
          b.padTo(this.rows);
          this.cols.push(b);
          this.headerRaw.push('');
        }
      }
    }
    const cols = this.cols;
    const m = cols.length;
    for (let j = 0; j < m; j++) {
      const f = fields[j];
      cols[j]!.push(f === undefined ? undefined : trimField(f));
    }
    if (this.preview.length < this.previewRows) this.preview.push(cols.map((_, j) => trimField(fields[j] ?? '')));
    this.rows++;
  }

  headers(): string[] {
    return uniqueHeaders(this.headerRaw ?? []);
  }

  build(meta: { fileName: string; byteLength: number; delimiter: string; encoding: string }): RawTable {
    const names = this.headers();
    return {
      ...meta,
      rowCount: this.rows,
      columns: this.cols.map((c, j) => c.build(names[j]!)),
      ragged: { count: this.raggedCount, exampleRows: this.raggedExamples.slice() },
    };
  }

  tablePreview(): TablePreview {
    const headers = this.headers();
    return { headers, rows: this.preview.map((r) => headers.map((_, j) => r[j] ?? '')) };
  }
}

function trimField(f: string): string {
  const n = f.length;
  if (n === 0) return f;
  const a = f.charCodeAt(0);
  const z = f.charCodeAt(n - 1);
  return a === 32 || a === 9 || z === 32 || z === 9 ? f.trim() : f;
}

/** Text of given 0-based data rows of a RawTable (missing rows give empty cells). */
export function rawRows(raw: RawTable, rowIndexes: readonly number[]): TablePreview {
  const headers = raw.columns.map((c) => c.name);
  const rows = rowIndexes.map((i) =>
    raw.columns.map((c) => {
      if (i < 0 || i >= raw.rowCount) return '';
      const code = c.codes[i]!;
      return code < 0 ? '' : (c.dict[code] ?? '');
    }),
  );
  return { headers, rows };
}
