/**
 * A small pull tokenizer for the XML parts of an .xlsx workbook, fed in string chunks.
 *
 * It knows just enough XML for SpreadsheetML: start/end/empty-element tags with single- or
 * double-quoted attributes (a '>' inside an attribute value is allowed), text, CDATA sections,
 * comments, processing instructions and a DOCTYPE without an internal subset (skipped). Namespace
 * prefixes are dropped from element and attribute names (`<x:row>` is `row`, `r:id` is `id`), so
 * files written with a prefixed main namespace read the same.
 *
 * Streaming: `push(chunk)` appends text; `next()` returns one token or TOK_END when the buffer holds no
 * complete token (a tag cut by the chunk end, or text not yet closed by '<'). Unread input stays in
 * the buffer, so a token is never split across chunks. After `push(last, true)` trailing text is
 * returned as a final TEXT token.
 */

export const TOK_END = 0;
export const TOK_OPEN = 1;
export const TOK_SELF = 2;
export const TOK_CLOSE = 3;
export const TOK_TEXT = 4;
export type XmlToken =
  typeof TOK_END | typeof TOK_OPEN | typeof TOK_SELF | typeof TOK_CLOSE | typeof TOK_TEXT;

const ENTITY_RE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function entity(whole: string, body: string): string {
  const named = NAMED[body];
  if (named !== undefined) return named;
  const code =
    body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88
      ? parseInt(body.slice(2), 16)
      : parseInt(body.slice(1), 10);
  if (!(code >= 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return whole;
  return String.fromCodePoint(code);
}

/** Replaces the five XML named entities and numeric character references; unknown ones stay as written. */
export function decodeXmlEntities(s: string): string {
  return s.indexOf('&') < 0 ? s : s.replace(ENTITY_RE, entity);
}

const ESCAPE_RE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Undoes the OOXML string escape `_xHHHH_` (ECMA-376 ST_Xstring): Excel writes a carriage return in a
 * cell as `_x000D_` and a literal "_x0041_" as `_x005F_x0041_`. Applied to string cell values only.
 */
export function decodeOoxmlEscapes(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(ESCAPE_RE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** XML white space (space, tab, LF, CR). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export class XmlScanner {
  private buf = '';
  private pos = 0;
  private final = false;
  /** Local name (namespace prefix removed) of the last OPEN / SELF / CLOSE token. */
  name = '';
  private attrStart = 0;
  private attrEnd = 0;
  private textStart = 0;
  private textEnd = 0;
  private cdata = false;

  /** Appends text; `final` marks the end of the document. */
  push(chunk: string, final = false): void {
    this.buf = this.pos > 0 ? this.buf.slice(this.pos) + chunk : this.buf + chunk;
    this.pos = 0;
    this.final = final;
  }

  /** Characters received but not yet returned as tokens. */
  get pending(): number {
    return this.buf.length - this.pos;
  }

  /** The next token, or TOK_END when more input is needed (or the input is exhausted). */
  next(): XmlToken {
    const buf = this.buf;
    const n = buf.length;
    for (;;) {
      const p = this.pos;
      if (p >= n) return TOK_END;
      if (buf.charCodeAt(p) !== 60) {
        const lt = buf.indexOf('<', p);
        if (lt < 0) {
          if (!this.final) return TOK_END;
          this.setText(p, n, false);
          this.pos = n;
          return TOK_TEXT;
        }
        this.setText(p, lt, false);
        this.pos = lt;
        return TOK_TEXT;
      }
      if (p + 1 >= n) return TOK_END;
      const c1 = buf.charCodeAt(p + 1);
      if (c1 === 47) {
        const gt = buf.indexOf('>', p + 2);
        if (gt < 0) return TOK_END;
        let e = gt;
        while (e > p + 2 && isSpace(buf.charCodeAt(e - 1))) e--;
        this.name = localName(buf.slice(p + 2, e));
        this.pos = gt + 1;
        return TOK_CLOSE;
      }
      if (c1 === 63) {
        const e = buf.indexOf('?>', p + 2);
        if (e < 0) return TOK_END;
        this.pos = e + 2;
        continue;
      }
      if (c1 === 33) {
        if (n - p < 9 && !this.final) return TOK_END;
        if (buf.startsWith('<!--', p)) {
          const e = buf.indexOf('-->', p + 4);
          if (e < 0) return TOK_END;
          this.pos = e + 3;
          continue;
        }
        if (buf.startsWith('<![CDATA[', p)) {
          const e = buf.indexOf(']]>', p + 9);
          if (e < 0) return TOK_END;
          this.setText(p + 9, e, true);
          this.pos = e + 3;
          return TOK_TEXT;
        }
        const e = buf.indexOf('>', p + 2);
        if (e < 0) return TOK_END;
        this.pos = e + 1;
        continue;
      }
      // start tag: name, then attributes up to the '>' that is outside quotes
      let i = p + 1;
      for (; i < n; i++) {
        const c = buf.charCodeAt(i);
        if (c === 62 || c === 47 || isSpace(c)) break;
      }
      const nameEnd = i;
      i = tagEnd(buf, nameEnd);
      if (i < 0) return TOK_END;
      const self = buf.charCodeAt(i - 1) === 47 && i - 1 >= nameEnd;
      this.name = localName(buf.slice(p + 1, nameEnd));
      this.attrStart = nameEnd;
      this.attrEnd = self ? i - 1 : i;
      this.pos = i + 1;
      return self ? TOK_SELF : TOK_OPEN;
    }
  }

  private setText(start: number, end: number, cdata: boolean): void {
    this.textStart = start;
    this.textEnd = end;
    this.cdata = cdata;
  }

  /** The current TEXT token with entities decoded (CDATA verbatim). */
  text(): string {
    const raw = this.buf.slice(this.textStart, this.textEnd);
    return this.cdata ? raw : decodeXmlEntities(raw);
  }

  /** True when the current TEXT token is only whitespace. */
  textIsBlank(): boolean {
    for (let i = this.textStart; i < this.textEnd; i++) if (!isSpace(this.buf.charCodeAt(i))) return false;
    return true;
  }

  /**
   * The value of the attribute whose local name is `want` on the current OPEN/SELF token, entities
   * decoded; undefined when absent.
   */
  attr(want: string): string | undefined {
    return attrValue(this.buf, this.attrStart, this.attrEnd, want);
  }
}

/** Index of the '>' closing a start tag whose name ends at `i` (quotes respected), or -1. */
export function tagEnd(buf: string, i: number): number {
  const n = buf.length;
  let q = 0;
  for (; i < n; i++) {
    const c = buf.charCodeAt(i);
    if (q !== 0) {
      if (c === q) q = 0;
    } else if (c === 34 || c === 39) q = c;
    else if (c === 62) return i;
  }
  return -1;
}

/**
 * The value of the attribute whose local name is `want` among the attributes written in
 * buf[start, end) (`name="v"` or `p:name='v'` pairs), entities decoded; undefined when absent.
 */
export function attrValue(buf: string, start: number, end: number, want: string): string | undefined {
  const e = end;
  let i = start;
  while (i < e) {
    while (i < e && isSpace(buf.charCodeAt(i))) i++;
    if (i >= e) break;
    const ns = i;
    while (i < e) {
      const c = buf.charCodeAt(i);
      if (c === 61 || isSpace(c)) break;
      i++;
    }
    const ne = i;
    while (i < e && isSpace(buf.charCodeAt(i))) i++;
    if (buf.charCodeAt(i) !== 61) {
      i++;
      continue; // malformed: a name without value
    }
    i++;
    while (i < e && isSpace(buf.charCodeAt(i))) i++;
    const q = buf.charCodeAt(i);
    if (q !== 34 && q !== 39) return undefined;
    const close = buf.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close < 0 || close > e) return undefined;
    if (nameMatches(buf, ns, ne, want)) return decodeXmlEntities(buf.slice(i + 1, close));
    i = close + 1;
  }
  return undefined;
}

function localName(qname: string): string {
  const c = qname.indexOf(':');
  return c < 0 ? qname : qname.slice(c + 1);
}

/** Whether buf[ns, ne) is `want` or `prefix:want`. */
function nameMatches(buf: string, ns: number, ne: number, want: string): boolean {
  const len = ne - ns;
  if (len === want.length) return buf.startsWith(want, ns);
  if (len > want.length && buf.charCodeAt(ne - want.length - 1) === 58)
    return buf.startsWith(want, ne - want.length);
  return false;
}
