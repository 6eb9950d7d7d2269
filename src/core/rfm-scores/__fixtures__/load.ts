import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a committed JSON fixture of this folder. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'utf8')) as T;
}

/**
 * The per-customer RFM of the full UCI file (src/core/rfm/__fixtures__/online-retail-default.json,
 * computed with pandas), as columns in customer-id order (the order of the reference's `ids`).
 */
export function uciColumns(): {
  ids: string[];
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
} {
  const raw = fixture<{ rfm: Record<string, [number, number, number]> }>(
    '../../rfm/__fixtures__/online-retail-default.json',
  ).rfm;
  const ids = Object.keys(raw).sort();
  return {
    ids,
    recency: Float64Array.from(ids, (id) => raw[id]![0]),
    frequency: Float64Array.from(ids, (id) => raw[id]![1]),
    monetary: Float64Array.from(ids, (id) => raw[id]![2]),
  };
}
