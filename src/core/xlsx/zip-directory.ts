/**
 * Reads the central directory of a ZIP archive held in memory (PKWARE APPNOTE 6.3: end of central
 * directory record, Zip64 end record and locator, central file headers with the Zip64 extra field).
 *
 * Why the central directory rather than a front-to-back scan of local headers: local headers of
 * entries written by streaming writers carry zero sizes (bit 3, sizes in a trailing data
 * descriptor), and finding the descriptor by its signature misfires when the compressed bytes
 * happen to contain it. The directory at the end has the true sizes and offsets, and lets the
 * reader take the parts in the order it needs (Excel writes sharedStrings.xml after the sheets).
 */
import { UserFacingError } from '../errors';

export interface ZipEntry {
  /** Name as stored, '\' read as '/'. */
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Offset of the entry's compressed bytes (after its local header). */
  readonly dataStart: number;
  readonly encrypted: boolean;
}

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;
}

function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

const utf8 = new TextDecoder('utf-8');

/** True when the bytes start like a ZIP archive (local header or empty-archive end record). */
export function looksLikeZip(b: Uint8Array): boolean {
  return (
    b.length >= 4 &&
    b[0] === 0x50 &&
    b[1] === 0x4b &&
    ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6))
  );
}

/** True for an OLE2 compound file: an Excel 97–2003 .xls, or a password-protected .xlsx. */
export function looksLikeOle2(b: Uint8Array): boolean {
  return (
    b.length >= 8 &&
    b[0] === 0xd0 &&
    b[1] === 0xcf &&
    b[2] === 0x11 &&
    b[3] === 0xe0 &&
    b[4] === 0xa1 &&
    b[5] === 0xb1 &&
    b[6] === 0x1a &&
    b[7] === 0xe1
  );
}

function corrupt(what: string): UserFacingError {
  return new UserFacingError({ code: 'xlsx-corrupt', why: 'zip-structure', detail: what });
}

/** Lists the entries of a ZIP archive by its central directory. Throws UserFacingError when damaged. */
export function readZipDirectory(b: Uint8Array): ZipEntry[] {
  const n = b.length;
  // End of central directory: 22 bytes + a comment of up to 65,535 bytes, searched from the end.
  let eocd = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 65535; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end-of-directory record; the file may be truncated');
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  // Zip64 locator sits 20 bytes before the end record.
  const loc = eocd - 20;
  if (loc >= 0 && u32(b, loc) === 0x07064b50) {
    const z64 = u64(b, loc + 8);
    if (z64 + 56 <= n && u32(b, z64) === 0x06064b50) {
      count = u64(b, z64 + 32);
      cdSize = u64(b, z64 + 40);
      cdOffset = u64(b, z64 + 48);
    }
  }
  if (cdOffset + cdSize > n) throw corrupt('the directory points past the end of the file');
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(b, p) !== 0x02014b50) throw corrupt(`directory entry ${k + 1} is unreadable`);
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const name = utf8.decode(b.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/');
    // Zip64 extended information: present values replace the 0xFFFFFFFF placeholders, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    if (localOffset + 30 > n || u32(b, localOffset) !== 0x04034b50)
      throw corrupt(`the entry "${name}" is missing`);
    const dataStart = localOffset + 30 + u16(b, localOffset + 26) + u16(b, localOffset + 28);
    if (dataStart + compressedSize > n) throw corrupt(`the entry "${name}" is cut short`);
    out.push({ name, method, compressedSize, size, dataStart, encrypted: (flags & 1) !== 0 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
