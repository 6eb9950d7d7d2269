/**
 * Text encoding detection on the first bytes of a file.
 *
 * Rules, in order: a byte-order mark decides (UTF-8 EF BB BF, UTF-16 LE FF FE, UTF-16 BE FE FF);
 * NUL bytes without a UTF-16 BOM mean a binary file (an .xlsx or .zip renamed .csv); otherwise the
 * sample is validated as UTF-8 and, if invalid, read as windows-1252 (a superset of ISO-8859-1 for
 * printable text, so the '£' of Online Retail survives). A sample that is pure ASCII is reported as
 * 'utf-8' with `asciiOnly: true`: the caller should decode strictly and fall back to windows-1252 if
 * a later byte turns out not to be UTF-8.
 */
export interface EncodingGuess {
  /** A WHATWG encoding label TextDecoder accepts: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252'. */
  readonly encoding: string;
  /** Bytes of byte-order mark to skip. */
  readonly bomLength: number;
  /** True when the sample had no byte ≥ 0x80 (the encoding is then only a default). */
  readonly asciiOnly: boolean;
  /** True when the sample looks binary (NUL bytes without a UTF-16 BOM, or zip/xlsx magic). */
  readonly binary: boolean;
}

/** Whether `b` is valid UTF-8 (overlongs of 2-byte form rejected; a cut last character allowed if asked). */
function utf8Valid(b: Uint8Array, truncatedEndOk: boolean): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return false;
    if (i + need >= n) {
      // the last character is cut by the end of the sample
      if (!truncatedEndOk) return false;
      for (let j = i + 1; j < n; j++) if ((b[j]! & 0xc0) !== 0x80) return false;
      return true;
    }
    for (let j = 1; j <= need; j++) if ((b[i + j]! & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
}

/** Detects the encoding of a file from its first bytes (a sample of ≥ 64 KiB is best). */
export function detectEncoding(sample: Uint8Array, isWholeFile = false): EncodingGuess {
  const b0 = sample[0];
  const b1 = sample[1];
  const b2 = sample[2];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf)
    return { encoding: 'utf-8', bomLength: 3, asciiOnly: false, binary: false };
  if (b0 === 0xff && b1 === 0xfe)
    return { encoding: 'utf-16le', bomLength: 2, asciiOnly: false, binary: false };
  if (b0 === 0xfe && b1 === 0xff)
    return { encoding: 'utf-16be', bomLength: 2, asciiOnly: false, binary: false };
  // zip (xlsx, ods), PDF, old Excel (OLE2)
  if (
    (b0 === 0x50 && b1 === 0x4b && b2 === 0x03) ||
    (b0 === 0x25 && b1 === 0x50 && b2 === 0x44 && sample[3] === 0x46) ||
    (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11)
  ) {
    return { encoding: 'utf-8', bomLength: 0, asciiOnly: false, binary: true };
  }
  let nul = 0;
  let high = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i]!;
    if (c === 0) nul++;
    else if (c >= 0x80) high++;
    else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (nul > 0) {
    // UTF-16 without BOM: every other byte NUL in ASCII text.
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < sample.length; i++) {
      if (sample[i] !== 0) continue;
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
    const half = sample.length / 2;
    if (oddNul > 0.4 * half && evenNul < 0.05 * half)
      return { encoding: 'utf-16le', bomLength: 0, asciiOnly: false, binary: false };
    if (evenNul > 0.4 * half && oddNul < 0.05 * half)
      return { encoding: 'utf-16be', bomLength: 0, asciiOnly: false, binary: false };
    return { encoding: 'utf-8', bomLength: 0, asciiOnly: false, binary: true };
  }
  if (control > Math.max(8, sample.length * 0.01))
    return { encoding: 'utf-8', bomLength: 0, asciiOnly: false, binary: true };
  if (high === 0) return { encoding: 'utf-8', bomLength: 0, asciiOnly: true, binary: false };
  if (utf8Valid(sample, !isWholeFile))
    return { encoding: 'utf-8', bomLength: 0, asciiOnly: false, binary: false };
  return { encoding: 'windows-1252', bomLength: 0, asciiOnly: false, binary: false };
}

/** True when bytes are valid UTF-8 (a truncated last character counts as valid when allowed). */
export function isValidUtf8(bytes: Uint8Array, truncatedEndOk = false): boolean {
  return utf8Valid(bytes, truncatedEndOk);
}

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}
