import type { DictColumn } from './types';

/** FNV-1a over UTF-16 code units (`push`, `pushRange`) or UTF-8 bytes (`pushBytes`). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * Dictionary-encodes one text column: each distinct string is stored once in `dict` and every row
 * holds an Int32 code (-1 for an empty/missing field). The 541,909-row UCI file has ~26k distinct
 * invoices, ~4k codes, ~23k dates, so the table is a few MB instead of millions of strings, and typed
 * conversions parse each distinct string once.
 *
 * The distinct values sit in an open-addressing hash table (FNV-1a of the UTF-16 code units, linear
 * probing, load ≤ 1/2) so that `pushRange` can look a field up straight from the text it was read
 * from: no string is created for a value already seen.
 */
export class DictColumnBuilder {
  private codes: Int32Array;
  private length = 0;
  /** slot → code + 1 (0 = empty). */
  private slots = new Int32Array(1024);
  private mask = 1023;
  /** code → hash and length of the value (compared before the strings). */
  private hashes = new Int32Array(512);
  private lengths = new Int32Array(512);
  private lastCode = -1;
  /** > 0 while equal neighbours are common enough to be worth checking for first. */
  private runScore = 64;
  private runSkipped = 0;
  readonly dict: string[] = [];
  // byte index (pushBytes): slot → code + 1; per code the hash, offset in `pool` and length of its
  // UTF-8 bytes (length -1: the value was not met as bytes)
  private bSlots = new Int32Array(1024);
  private bMask = 1023;
  private bCount = 0;
  private bHash = new Int32Array(0);
  private bOff = new Int32Array(0);
  private bLen = new Int32Array(0);
  private pool = new Uint8Array(0);
  private poolLen = 0;

  constructor(initialCapacity = 1024) {
    this.codes = new Int32Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.length;
  }

  /** Appends a value; '' (after no trimming) is stored as -1. */
  push(value: string | undefined): void {
    if (value === undefined || value === '') {
      this.append(-1);
      return;
    }
    this.pushRange(value, 0, value.length);
  }

  /**
   * Appends the value `text.slice(start, end)` (start < end) without making a string unless the
   * value is new: a value equal to the previous row's is taken from it, others are found by hash.
   */
  pushRange(text: string, start: number, end: number): void {
    this.append(this.codeOfRange(text, start, end));
  }

  /** The code of `text.slice(start, end)` (start < end), added to the dictionary when new. */
  private codeOfRange(text: string, start: number, end: number): number {
    const len = end - start;
    const lengths = this.lengths;
    // Runs of equal values (an invoice's lines share invoice, date, customer, country).
    const last = this.lastCode;
    if (last >= 0 && lengths[last] === len) {
      if (this.runScore > 0) {
        if (text.startsWith(this.dict[last]!, start)) {
          if (this.runScore < 64) this.runScore += 4;
          return last;
        }
        this.runScore--;
      } else if (++this.runSkipped === 256) {
        // a column without runs so far is tried again now and then
        this.runSkipped = 0;
        this.runScore = 1;
      }
    }
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    const slots = this.slots;
    const hashes = this.hashes;
    const mask = this.mask;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const s = slots[slot]!;
      if (s === 0) break;
      const code = s - 1;
      if (hashes[code] === h && lengths[code] === len && text.startsWith(this.dict[code]!, start)) {
        this.lastCode = code;
        return code;
      }
      slot = (slot + 1) & mask;
    }
    const code = this.add(text, start, end, h, slot);
    this.lastCode = code;
    return code;
  }

  /**
   * Appends the value whose UTF-8 bytes are `bytes[start, end)` (start < end; `hash` = FNV-1a of
   * those bytes, see `byteHash`) without making a string unless the bytes were not met before: they
   * are looked up in an index of the bytes of the values met as bytes; `decode` is called only on a
   * miss, and the string it gives is looked up (or added) as `push` does, so a column fed both ways
   * holds each distinct value once.
   */
  pushBytes(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    decode: (bytes: Uint8Array, start: number, end: number) => string,
  ): void {
    const len = end - start;
    const bLen = this.bLen;
    const pool = this.pool;
    const last = this.lastCode;
    if (last >= 0 && last < bLen.length && bLen[last] === len) {
      if (this.runScore > 0) {
        if (sameBytes(pool, this.bOff[last]!, bytes, start, len)) {
          if (this.runScore < 64) this.runScore += 4;
          this.append(last);
          return;
        }
        this.runScore--;
      } else if (++this.runSkipped === 256) {
        this.runSkipped = 0;
        this.runScore = 1;
      }
    }
    const bSlots = this.bSlots;
    const bHash = this.bHash;
    const mask = this.bMask;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const s = bSlots[slot]!;
      if (s === 0) break;
      const code = s - 1;
      if (
        bHash[code] === hash &&
        bLen[code] === len &&
        sameBytes(pool, this.bOff[code]!, bytes, start, len)
      ) {
        this.lastCode = code;
        this.append(code);
        return;
      }
      slot = (slot + 1) & mask;
    }
    const value = decode(bytes, start, end);
    const code = this.codeOfRange(value, 0, value.length);
    this.lastCode = code;
    this.append(code);
    // (two byte forms of one value, possible only with replacement characters: the first is kept)
    if (code < this.bLen.length && this.bLen[code] !== -1) return;
    this.indexBytes(code, bytes, start, len, hash, slot);
  }

  /** Records the bytes of value `code` in the byte index at the empty `slot`. */
  private indexBytes(
    code: number,
    bytes: Uint8Array,
    start: number,
    len: number,
    hash: number,
    slot: number,
  ): void {
    if (code >= this.bLen.length) {
      const size = Math.max(code + 1, this.bLen.length * 2, 256);
      this.bHash = grown(this.bHash, size);
      this.bOff = grown(this.bOff, size);
      const lens = new Int32Array(size).fill(-1);
      lens.set(this.bLen);
      this.bLen = lens;
    }
    if (this.poolLen + len > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolLen + len, 4096));
      next.set(this.pool.subarray(0, this.poolLen));
      this.pool = next;
    }
    this.pool.set(bytes.subarray(start, start + len), this.poolLen);
    this.bOff[code] = this.poolLen;
    this.poolLen += len;
    this.bLen[code] = len;
    this.bHash[code] = hash;
    this.bSlots[slot] = code + 1;
    if (++this.bCount * 2 > this.bSlots.length) {
      const size = this.bSlots.length * 2;
      const slots = new Int32Array(size);
      const mask = size - 1;
      for (let c = 0; c < this.bLen.length; c++) {
        if (this.bLen[c] === -1) continue;
        const h = this.bHash[c]!;
        let k = (h ^ (h >>> 15)) & mask;
        while (slots[k] !== 0) k = (k + 1) & mask;
        slots[k] = c + 1;
      }
      this.bSlots = slots;
      this.bMask = mask;
    }
  }

  private append(code: number): void {
    if (this.length === this.codes.length) {
      const next = new Int32Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.length++] = code;
  }

  /** Stores a new distinct value at an empty slot; returns its code. */
  private add(text: string, start: number, end: number, h: number, slot: number): number {
    const code = this.dict.length;
    if (code === this.hashes.length) {
      this.hashes = grown(this.hashes, code * 2);
      this.lengths = grown(this.lengths, code * 2);
    }
    this.dict.push(copyOf(text, start, end));
    this.hashes[code] = h;
    this.lengths[code] = end - start;
    this.slots[slot] = code + 1;
    if ((code + 1) * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let code = 0; code < this.dict.length; code++) {
      const h = this.hashes[code]!;
      let slot = (h ^ (h >>> 15)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** Pads with missing values up to `n` rows (a column that appears only on ragged rows). */
  padTo(n: number): void {
    while (this.length < n) this.append(-1);
  }

  build(name: string): DictColumn {
    return { name, codes: this.codes.slice(0, this.length), dict: this.dict };
  }
}

const SCRATCH = new Uint16Array(4096);

/**
 * `text.slice(start, end)` as a string of its own: V8 makes a slice of 13 or more characters a view
 * that keeps the whole (1M-character) piece of text alive; the dictionary would then pin the file.
 */
function copyOf(text: string, start: number, end: number): string {
  const len = end - start;
  if (len < 13 || len > SCRATCH.length) return text.slice(start, end);
  for (let i = 0; i < len; i++) SCRATCH[i] = text.charCodeAt(start + i);
  return String.fromCharCode.apply(null, SCRATCH.subarray(0, len) as unknown as number[]);
}

/** FNV-1a of `bytes[start, end)` (the hash `pushBytes` takes; the scanner computes it as it reads). */
export function byteHash(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h;
}

function sameBytes(pool: Uint8Array, off: number, bytes: Uint8Array, start: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (pool[off + k] !== bytes[start + k]) return false;
  return true;
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * The codes of `values` in a growing dictionary (`dict`, indexed by `index`), adding the values it
 * does not hold yet: a look-up table from a column's own codes to the shared ones.
 */
export function internAll(values: readonly string[], dict: string[], index: Map<string, number>): Int32Array {
  const lut = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const s = values[k]!;
    let g = index.get(s);
    if (g === undefined) {
      g = dict.length;
      dict.push(s);
      index.set(s, g);
    }
    lut[k] = g;
  }
  return lut;
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
