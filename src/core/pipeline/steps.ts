/**
 * The small decisions that join the notebook's steps, shared by the browser store
 * (src/store/data-actions.ts, model-actions.ts) and the command line (src/cli), so both walk the
 * steps the same way.
 */
import type { Mapping, Role, TableKind } from '../ingest/types';
import type { PowerFit } from '../transform/types';
import type { RfmSettings } from '../rfm/types';
import type { SweepPoint } from '../sweep/types';

/** Roles a table of each kind can use, in the order the Columns step lists them. */
export const ROLES_BY_KIND: Record<TableKind, readonly Role[]> = {
  transactions: ['customer', 'invoice', 'date', 'quantity', 'price', 'amount', 'product', 'country'],
  rfm: ['customer', 'recency', 'frequency', 'frequency2', 'monetary', 'monetary2'],
};

/** The part of the mapping that applies to a kind (roles of the other kind are left out). */
export function mappingForKind(kind: TableKind, mapping: Mapping): Mapping {
  const out: Mapping = {};
  for (const r of ROLES_BY_KIND[kind]) {
    const c = mapping[r];
    if (c !== undefined) out[r] = c;
  }
  return out;
}

/** The monetary definition follows the mapping (quantity × price, or an amount column). */
export function monetaryForMapping(rs: RfmSettings, m: Mapping): RfmSettings {
  const hasQP = m.quantity !== undefined && m.price !== undefined;
  if (rs.monetary === 'quantityTimesPrice' && !hasQP && m.amount !== undefined)
    return { ...rs, monetary: 'amount' };
  if (rs.monetary === 'amount' && m.amount === undefined && hasQP)
    return { ...rs, monetary: 'quantityTimesPrice' };
  return rs;
}

/** The k used when the sweep suggests none. */
export const FALLBACK_K = 4;

/** `k` if it was swept, else the nearest swept value. */
export function clampK(k: number, ks: readonly number[]): number {
  if (ks.includes(k)) return k;
  if (ks.length === 0) return k;
  return Math.max(Math.min(...ks), Math.min(Math.max(...ks), k));
}

/** Every k's centroids stacked in one matrix (Σk × d rows), for one inverse-transform call. */
export function stackCentroids(points: readonly SweepPoint[]): Float64Array {
  const all = new Float64Array(points.reduce((s, p) => s + p.result.centroids.length, 0));
  let at = 0;
  for (const p of points) {
    all.set(p.result.centroids, at);
    at += p.result.centroids.length;
  }
  return all;
}

/** The inverse of `stackCentroids`: each k's rows of `inv` (the stacked centroids in original units). */
export function splitCentroids(points: readonly SweepPoint[], inv: Float64Array): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  let at = 0;
  for (const p of points) {
    out.set(p.k, inv.slice(at, at + p.result.centroids.length));
    at += p.result.centroids.length;
  }
  return out;
}

/** A copy of a fit (the engine client transfers the arrays it is given). */
export function copyFit(fit: PowerFit): PowerFit {
  const copy = { lambdas: fit.lambdas.slice(), means: fit.means.slice(), scales: fit.scales.slice() };
  return fit.limitedFrom ? { ...copy, limitedFrom: fit.limitedFrom.slice() } : copy;
}
