/** Per-customer moves between "before" and "after" as an Excel-safe CSV (src/core/segments/csv.ts). */
import { buildCsv, type CsvValue } from '../segments/csv';
import type { Transitions } from './transitions';

export interface MovesSide {
  readonly clusterIndex: Int32Array;
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

export const MOVES_COLUMNS = [
  'customer_id',
  'move',
  'before_cluster_id',
  'before_cluster_name',
  'after_cluster_id',
  'after_cluster_name',
  'recency_before',
  'frequency_before',
  'monetary_before',
  'recency_after',
  'frequency_after',
  'monetary_after',
] as const;

function* rows(
  t: Transitions,
  before: MovesSide,
  after: MovesSide,
  names: readonly string[],
): Generator<CsvValue[]> {
  for (let u = 0; u < t.ids.length; u++) {
    const b = t.beforeRow[u]!;
    const a = t.afterRow[u]!;
    const from = b >= 0 ? before.clusterIndex[b]! : -1;
    const to = a >= 0 ? after.clusterIndex[a]! : -1;
    const move = b < 0 ? 'new' : a < 0 ? 'gone' : from === to ? 'stayed' : 'moved';
    yield [
      t.ids[u]!,
      move,
      from >= 0 ? from + 1 : null,
      from >= 0 ? (names[from] ?? '') : null,
      to >= 0 ? to + 1 : null,
      to >= 0 ? (names[to] ?? '') : null,
      b >= 0 ? before.recency[b]! : null,
      b >= 0 ? before.frequency[b]! : null,
      b >= 0 ? before.monetary[b]! : null,
      a >= 0 ? after.recency[a]! : null,
      a >= 0 ? after.frequency[a]! : null,
      a >= 0 ? after.monetary[a]! : null,
    ];
  }
}

export function movesCsv(
  t: Transitions,
  before: MovesSide,
  after: MovesSide,
  names: readonly string[],
): string {
  return buildCsv(MOVES_COLUMNS, rows(t, before, after, names));
}
