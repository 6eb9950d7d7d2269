/**
 * Parsers for the small XML parts of an .xlsx package: relationships, the workbook (sheet list and
 * date system), styles (which cell styles display dates) and the shared-string table (streamed).
 */
import { builtinFormatKind, customFormatKind, FMT_PLAIN, type FormatKind } from './cell-text';
import {
  decodeOoxmlEscapes,
  TOK_CLOSE,
  TOK_END,
  TOK_OPEN,
  TOK_SELF,
  TOK_TEXT,
  XmlScanner,
} from './xml-scanner';

export interface Relationship {
  readonly id: string;
  /** The relationship type URI (transitional or strict namespace). */
  readonly type: string;
  /** Part name resolved against the source part, without a leading '/' (e.g. 'xl/worksheets/sheet1.xml'). */
  readonly target: string;
  readonly external: boolean;
}

/**
 * Resolves a relationship target against the folder of its source part (OPC §9.3): absolute targets
 * start at the package root; '.' and '..' segments are applied; backslashes read as '/'.
 */
export function resolvePartName(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** The path of the .rels part of a part: 'xl/workbook.xml' → 'xl/_rels/workbook.xml.rels'; '' → '_rels/.rels'. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Reads a .rels part; `sourcePart` is the part the relationships belong to ('' for the package). */
export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const sc = new XmlScanner();
  sc.push(xml, true);
  const out: Relationship[] = [];
  for (let t = sc.next(); t !== TOK_END; t = sc.next()) {
    if ((t === TOK_OPEN || t === TOK_SELF) && sc.name === 'Relationship') {
      const target = sc.attr('Target') ?? '';
      const external = (sc.attr('TargetMode') ?? '').toLowerCase() === 'external';
      out.push({
        id: sc.attr('Id') ?? '',
        type: sc.attr('Type') ?? '',
        target: external ? target : resolvePartName(sourcePart, target),
        external,
      });
    }
  }
  return out;
}

export interface SheetEntry {
  readonly name: string;
  /** Relationship id (r:id) pointing at the sheet part. */
  readonly relId: string;
  /** 'visible' | 'hidden' | 'veryHidden'. */
  readonly state: string;
}

export interface WorkbookInfo {
  readonly sheets: readonly SheetEntry[];
  /** True for the 1904 date system (`<workbookPr date1904="1"/>`). */
  readonly date1904: boolean;
}

function truthy(v: string | undefined): boolean {
  return v === '1' || v === 'true' || v === 'on';
}

/** Reads xl/workbook.xml: sheets in tab order and the date system. */
export function parseWorkbook(xml: string): WorkbookInfo {
  const sc = new XmlScanner();
  sc.push(xml, true);
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  for (let t = sc.next(); t !== TOK_END; t = sc.next()) {
    if (t !== TOK_OPEN && t !== TOK_SELF) continue;
    if (sc.name === 'sheet') {
      sheets.push({
        name: sc.attr('name') ?? `Sheet${sheets.length + 1}`,
        relId: sc.attr('id') ?? '',
        state: sc.attr('state') ?? 'visible',
      });
    } else if (sc.name === 'workbookPr') {
      date1904 = truthy(sc.attr('date1904'));
    }
  }
  return { sheets, date1904 };
}

/**
 * Reads xl/styles.xml into the display kind of each cell format (the `s` attribute of a cell indexes
 * `cellXfs`): FMT_PLAIN, FMT_DATE, FMT_DATETIME or FMT_TIME. Custom formats (`<numFmt>`) override
 * built-ins with the same id. A missing styles part means every cell is plain.
 */
export function parseStyles(xml: string): Uint8Array {
  const sc = new XmlScanner();
  sc.push(xml, true);
  const custom = new Map<number, FormatKind>();
  const kinds: number[] = [];
  let inCellXfs = false;
  for (let t = sc.next(); t !== TOK_END; t = sc.next()) {
    if (t === TOK_OPEN || t === TOK_SELF) {
      if (sc.name === 'numFmt') {
        const id = Number(sc.attr('numFmtId'));
        if (Number.isInteger(id)) custom.set(id, customFormatKind(sc.attr('formatCode') ?? ''));
      } else if (sc.name === 'cellXfs') {
        inCellXfs = t === TOK_OPEN;
      } else if (sc.name === 'xf' && inCellXfs) {
        const id = Number(sc.attr('numFmtId') ?? '0');
        kinds.push(Number.isInteger(id) ? (custom.get(id) ?? builtinFormatKind(id)) : FMT_PLAIN);
      }
    } else if (t === TOK_CLOSE && sc.name === 'cellXfs') inCellXfs = false;
  }
  return Uint8Array.from(kinds);
}

/**
 * Streaming parser of xl/sharedStrings.xml. Each `<si>` is one string: the concatenation of its
 * `<t>` texts — a plain `<si><t>…</t></si>` or rich-text runs `<r><rPr>…</rPr><t>…</t></r>` — except
 * phonetic guides (`<rPh>`), which are not part of the cell's value. Entities and `_xHHHH_` escapes
 * are decoded; whitespace is kept as written.
 */
export class SharedStringsParser {
  readonly strings: string[] = [];
  private readonly sc = new XmlScanner();
  private inSi = false;
  private inT = false;
  private phonetic = 0;
  private cur = '';

  push(chunk: string, final = false): void {
    const sc = this.sc;
    sc.push(chunk, final);
    for (let t = sc.next(); t !== TOK_END; t = sc.next()) {
      if (t === TOK_TEXT) {
        if (this.inT) this.cur += sc.text();
        continue;
      }
      const name = sc.name;
      if (t === TOK_OPEN) {
        if (name === 'si') {
          this.inSi = true;
          this.cur = '';
        } else if (name === 't') this.inT = this.inSi && this.phonetic === 0;
        else if (name === 'rPh') this.phonetic++;
      } else if (t === TOK_SELF) {
        if (name === 'si') this.strings.push('');
      } else {
        if (name === 't') this.inT = false;
        else if (name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
        else if (name === 'si') {
          this.strings.push(decodeOoxmlEscapes(this.cur));
          this.inSi = false;
          this.cur = '';
        }
      }
    }
  }
}

/** Convenience: the whole shared-string table from one string. */
export function parseSharedStrings(xml: string): string[] {
  const p = new SharedStringsParser();
  p.push(xml, true);
  return p.strings;
}
