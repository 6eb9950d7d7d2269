/**
 * The small decisions that join the notebook's steps, shared by the browser store
 * (src/store/data-actions.ts, model-actions.ts) and the command line (src/cli), so both walk the
 * steps the same way.
 */
import type { Mapping, RfmSettings, Role, TableKind } from '../types';

/** Roles a table of each kind can use, in the order the Columns step lists them. */
export const ROLES_BY_KIND: Record<TableKind, readonly Role[]> = {
  transactions: ['customer', 'invoice', 'date', 'quantity', 'price', 'amount', 'product', 'country'],
  rfm: ['customer', 'recency', 'frequency', 'monetary'],
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
