/** Test helpers: the real shipped files, read once per test file (Node only; not used by the app). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { RawTable, TablePreview } from '../ingest/types';
import { detectEncoding } from '../ingest/encoding';
import { parseText } from '../ingest/parse-text';

/** The header of each role in the UCI Online Retail file (what a model trained on it records). */
export const UCI_HEADERS = {
  invoice: 'InvoiceNo',
  product: 'StockCode',
  quantity: 'Quantity',
  date: 'InvoiceDate',
  price: 'UnitPrice',
  customer: 'CustomerID',
  country: 'Country',
};

const root = fileURLToPath(new URL('../../../', import.meta.url));

export function repoFile(rel: string): Uint8Array {
  const buf = readFileSync(root + rel);
  return rel.endsWith('.gz') ? new Uint8Array(gunzipSync(buf)) : new Uint8Array(buf);
}

export function parseRepoFile(rel: string): { table: RawTable; preview: TablePreview } {
  const bytes = repoFile(rel);
  const enc = detectEncoding(bytes.subarray(0, 1 << 20), bytes.length <= 1 << 20);
  const text = new TextDecoder(enc.encoding).decode(bytes.subarray(enc.bomLength));
  return parseText(text, {
    fileName: rel.split('/').pop()!,
    byteLength: bytes.length,
    encoding: enc.encoding,
  });
}

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(root + 'src/core/rfm/__fixtures__/' + name, 'utf8')) as T;
}
