/**
 * Who moved: two labelled customer sets ("before" and "after", e.g. the same model scored at two
 * analysis dates, or a previous customers export and a new scoring) matched by customer id.
 * matrix[from][to] counts customers; from = k is "new" (only after), to = k is "gone" (only before).
 * Per segment s: stayed (s → s), in (to s from another segment or new), out (from s to another segment
 * or gone), revenueIn = Σ after-monetary of those moving in, revenueOut = Σ before-monetary of those
 * moving out, revenueBefore / revenueAfter = Σ monetary of the segment's customers at each side.
 */
import { ModelError } from './errors';

export interface LabelledCustomers {
  readonly ids: readonly string[];
  /** 0-based segment per customer, < k. */
  readonly clusterIndex: Int32Array;
  readonly monetary: Float64Array;
}

export interface SegmentFlow {
  readonly stayed: number;
  readonly in: number;
  readonly out: number;
  readonly revenueIn: number;
  readonly revenueOut: number;
  readonly revenueBefore: number;
  readonly revenueAfter: number;
}

export interface Transitions {
  readonly k: number;
  /** (k + 1) × (k + 1): rows from (segments, then "new"), columns to (segments, then "gone"). */
  readonly matrix: readonly (readonly number[])[];
  readonly perSegment: readonly SegmentFlow[];
  /** The union of ids in code-unit order, with the row in `before` / `after` (−1 when absent). */
  readonly ids: readonly string[];
  readonly beforeRow: Int32Array;
  readonly afterRow: Int32Array;
}

function indexOf(side: LabelledCustomers, name: string, k: number): Map<string, number> {
  const n = side.ids.length;
  if (side.clusterIndex.length !== n || side.monetary.length !== n)
    throw new ModelError(
      'transitions-mismatch',
      name,
      `${name}: ${n} ids, ${side.clusterIndex.length} labels`,
    );
  const map = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const c = side.clusterIndex[i]!;
    if (!(c >= 0 && c < k))
      throw new ModelError('transitions-mismatch', name, `${name}: segment ${c} of row ${i}`, i);
    const id = side.ids[i]!;
    if (map.has(id)) throw new ModelError('transitions-mismatch', name, `${name}: customer ${id} twice`, i);
    map.set(id, i);
  }
  return map;
}

export function computeTransitions(
  before: LabelledCustomers,
  after: LabelledCustomers,
  k: number,
): Transitions {
  const mb = indexOf(before, 'before', k);
  const ma = indexOf(after, 'after', k);
  const ids = Array.from(new Set([...before.ids, ...after.ids])).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const matrix = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
  const flows = Array.from({ length: k }, () => ({
    stayed: 0,
    in: 0,
    out: 0,
    revenueIn: 0,
    revenueOut: 0,
    revenueBefore: 0,
    revenueAfter: 0,
  }));
  const beforeRow = new Int32Array(ids.length);
  const afterRow = new Int32Array(ids.length);
  ids.forEach((id, u) => {
    const b = mb.get(id) ?? -1;
    const a = ma.get(id) ?? -1;
    beforeRow[u] = b;
    afterRow[u] = a;
    const from = b >= 0 ? before.clusterIndex[b]! : k;
    const to = a >= 0 ? after.clusterIndex[a]! : k;
    matrix[from]![to]!++;
    if (from < k) flows[from]!.revenueBefore += before.monetary[b]!;
    if (to < k) flows[to]!.revenueAfter += after.monetary[a]!;
    if (from === to) {
      if (from < k) flows[from]!.stayed++;
      return;
    }
    if (from < k) {
      flows[from]!.out++;
      flows[from]!.revenueOut += before.monetary[b]!;
    }
    if (to < k) {
      flows[to]!.in++;
      flows[to]!.revenueIn += after.monetary[a]!;
    }
  });
  return { k, matrix, perSegment: flows, ids, beforeRow, afterRow };
}
