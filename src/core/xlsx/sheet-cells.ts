/**
 * Reading a worksheet cell's attributes: column letters, type code, style index — straight from the
 * XML text, without substrings on the common paths (`SheetRowParser`, sheet-rows.ts).
 */

/** Column index (0-based) of a cell reference's letters: 'A1' → 0, 'AB12' → 27; -1 if none. */
export function columnIndex(ref: string): number {
  return columnIndexAt(ref, 0, ref.length);
}

export const T_NUMBER = 0;
export const T_SHARED = 1;
export const T_INLINE = 2;
export const T_STR = 3;
export const T_BOOL = 4;
export const T_ERROR = 5;
export const T_DATE = 6;

function cellType(t: string | undefined): number {
  switch (t) {
    case undefined:
    case 'n':
      return T_NUMBER;
    case 's':
      return T_SHARED;
    case 'inlineStr':
      return T_INLINE;
    case 'str':
      return T_STR;
    case 'b':
      return T_BOOL;
    case 'e':
      return T_ERROR;
    case 'd':
      return T_DATE;
    default:
      return T_STR;
  }
}

/** Column index of the cell reference in `buf` between `s` and `e` (no substring made). */
export function columnIndexAt(buf: string, s: number, e: number): number {
  let col = 0;
  let i = s;
  for (; i < e; i++) {
    let c = buf.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === s ? -1 : col - 1;
}

/** The cell's type code from its `t` attribute in `buf` between `s` and `e`. */
export function cellTypeAt(buf: string, s: number, e: number): number {
  const len = e - s;
  const c = buf.charCodeAt(s);
  if (len === 1) {
    if (c === 115) return T_SHARED;
    if (c === 110) return T_NUMBER;
    if (c === 98) return T_BOOL;
    if (c === 101) return T_ERROR;
    if (c === 100) return T_DATE;
  }
  return cellType(buf.slice(s, e));
}

/** The unsigned integer at the start of `buf` between `s` and `e` (a cell's style index). */
export function intAt(buf: string, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = buf.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return v;
    v = v * 10 + c;
  }
  return v;
}
