import type { DateOrderGuess, DictColumn, Mapping, MappingGuess, RawTable, Role, TableKind } from './types';
import { dateShare, guessDateOrder, isCodedDateOrder } from './dates';
import { isDateColumn } from '../rfm/summary';
import { NAMES } from './role-names';
import { detectNumberFormat, parseNumber, readableShare } from './numbers';
import { detectInvoiceColumn } from './invoice-detect';

/**
 * Role detection: header names first (normalised: lower case, letters and digits only), then the
 * values confirm (a date role must read as dates, number roles as numbers, ≥ 90% of distinct values).
 * Each column gets at most one role; each role at most one column.
 */

/** Normalised header: lower case, letters and digits only ("Customer ID" → "customerid"). */
export function normaliseHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

const NUMERIC_ROLES: ReadonlySet<Role> = new Set([
  'quantity',
  'price',
  'amount',
  'frequency',
  'monetary',
  'frequency2',
  'monetary2',
]);
const SAMPLE_DISTINCT = 20_000;

function scoreName(norm: string, role: Role): number {
  let best = 0;
  for (const name of NAMES[role]) {
    if (norm === name) return 3;
    if (name.length >= 3 && norm.startsWith(name)) best = Math.max(best, 2);
    else if (name.length >= 4 && norm.includes(name)) best = Math.max(best, 1);
  }
  return best;
}

function distinctSample(col: DictColumn): string[] {
  return col.dict.length <= SAMPLE_DISTINCT ? (col.dict as string[]) : col.dict.slice(0, SAMPLE_DISTINCT);
}

/** Share of distinct non-empty values that read as numbers (with the column's detected format). */
export function numericShare(col: DictColumn): number {
  const d = distinctSample(col);
  const fmt = detectNumberFormat(d);
  return readableShare(d, (s) => parseNumber(s, fmt));
}

/**
 * Values confirm a header's role when at least half the distinct values read as the role's type
 * (the rest are reported as problems at mapping, never silently dropped).
 */
function confirms(col: DictColumn, role: Role): boolean {
  if (col.dict.length === 0) return false;
  if (NUMERIC_ROLES.has(role)) return numericShare(col) >= 0.5;
  // Recency in days, or the date of the last purchase (a customer summary).
  if (role === 'recency') return numericShare(col) >= 0.5 || isDateColumn(col);
  // Ids are not amounts: a column whose values mostly have decimals is money, whatever its name.
  if (role === 'customer' || role === 'invoice') return !mostlyDecimals(col);
  if (role === 'date') {
    const g = guessDateOrder(distinctSample(col));
    return g.order !== null && dateShare(distinctSample(col), g.order) >= 0.5;
  }
  return true;
}

function mostlyDecimals(col: DictColumn): boolean {
  const d = distinctSample(col).filter((x) => x.trim() !== '');
  if (d.length === 0) return false;
  const fmt = detectNumberFormat(d);
  let frac = 0;
  for (const x of d) {
    const v = parseNumber(x, fmt);
    if (Number.isFinite(v) && !Number.isInteger(v)) frac++;
  }
  return frac >= 0.5 * d.length;
}

const EMAIL = /^[^\s@",;]+@[^\s@",;]+\.[^\s@",;]+$/;

/** At least 90% of the distinct non-empty values (and at least two) are e-mail addresses. */
function isEmailColumn(col: DictColumn): boolean {
  const d = distinctSample(col).filter((x) => x.trim() !== '');
  if (d.length < 2) return false;
  let hits = 0;
  for (const x of d) if (EMAIL.test(x.trim())) hits++;
  return hits >= 0.9 * d.length;
}

/** True when every row has its own value (one row per customer). */
function uniquePerRow(col: DictColumn, rows: number): boolean {
  return rows > 0 && col.dict.length === rows && col.codes.every((c) => c >= 0);
}

/**
 * Customer summaries: the customer id when no header named it (an "…id" column with one value per
 * row), and second frequency / monetary columns with the same kind of name (online + offline).
 */
function completeSummary(raw: RawTable, norms: readonly string[], mapping: Mapping): Mapping {
  const out: Mapping = { ...mapping };
  const taken = new Set<number>(
    (['customer', 'recency', 'frequency', 'monetary'] as const)
      .map((r) => out[r])
      .filter((j): j is number => j !== undefined),
  );
  if (out.customer === undefined) {
    const j = norms.findIndex(
      (n, k) => !taken.has(k) && n.endsWith('id') && uniquePerRow(raw.columns[k]!, raw.rowCount),
    );
    if (j >= 0) {
      out.customer = j;
      taken.add(j);
    }
  }
  for (const [role, extra] of [
    ['frequency', 'frequency2'],
    ['monetary', 'monetary2'],
  ] as const) {
    if (out[role] === undefined) continue;
    const j = norms.findIndex(
      (n, k) => !taken.has(k) && scoreName(n, role) >= 2 && confirms(raw.columns[k]!, role),
    );
    if (j >= 0) {
      out[extra] = j;
      taken.add(j);
    }
  }
  return out;
}

/** Guesses kind, mapping and date order of a RawTable. */
export function guessMapping(raw: RawTable): MappingGuess {
  const norms = raw.columns.map((c) => normaliseHeader(c.name));
  const candidates: { role: Role; col: number; score: number }[] = [];
  const roles = Object.keys(NAMES) as Role[];
  norms.forEach((norm, col) => {
    for (const role of roles) {
      const score = scoreName(norm, role);
      if (score > 0) candidates.push({ role, col, score });
    }
  });
  const order = (r: Role): number => roles.indexOf(r);
  candidates.sort((a, b) => b.score - a.score || order(a.role) - order(b.role) || a.col - b.col);
  const mapping: Mapping = {};
  const usedCols = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.role] !== undefined || usedCols.has(c.col)) continue;
    if (!confirms(raw.columns[c.col]!, c.role)) continue;
    mapping[c.role] = c.col;
    usedCols.add(c.col);
  }
  // A date column found by values when no header said so.
  if (mapping.date === undefined) {
    raw.columns.forEach((col, j) => {
      if (mapping.date !== undefined || usedCols.has(j)) return;
      const g = guessDateOrder(distinctSample(col));
      if (g.order !== null && !isCodedDateOrder(g.order) && dateShare(distinctSample(col), g.order) >= 0.9) {
        mapping.date = j;
        usedCols.add(j);
      }
    });
  }
  // A customer found by values when no header named one: a column of e-mail addresses (a shop's
  // order export identifies customers by their e-mail).
  if (mapping.customer === undefined) {
    const j = raw.columns.findIndex((col, k) => !usedCols.has(k) && isEmailColumn(col));
    if (j >= 0) {
      mapping.customer = j;
      usedCols.add(j);
    }
  }
  // An invoice column found by values (orders group lines of one customer and one date).
  if (mapping.date !== undefined && mapping.recency === undefined) {
    const inv = detectInvoiceColumn(raw, mapping, usedCols);
    if (inv !== null) {
      mapping.invoice = inv;
      usedCols.add(inv);
    }
  }
  const isRfm =
    mapping.recency !== undefined && mapping.frequency !== undefined && mapping.monetary !== undefined;
  const summary = isRfm ? completeSummary(raw, norms, mapping) : mapping;
  const oneRowPerCustomer =
    summary.customer !== undefined && uniquePerRow(raw.columns[summary.customer]!, raw.rowCount);
  const kind: TableKind = isRfm && (mapping.date === undefined || oneRowPerCustomer) ? 'rfm' : 'transactions';
  let final: Mapping = mapping;
  if (kind === 'rfm') {
    final = { recency: summary.recency!, frequency: summary.frequency!, monetary: summary.monetary! };
    for (const r of ['customer', 'frequency2', 'monetary2'] as const)
      if (summary[r] !== undefined) final = { ...final, [r]: summary[r] };
  } else {
    const { recency: _r, frequency: _f, monetary: _m, frequency2: _f2, monetary2: _m2, ...rest } = mapping;
    final = rest;
  }
  const dateOrder: DateOrderGuess | null =
    final.date !== undefined ? guessDateOrder(distinctSample(raw.columns[final.date]!)) : null;
  return { kind, mapping: final, dateOrder, missing: missingRoles(kind, final) };
}

/**
 * True when a transactions mapping has no money role at all (no amount, quantity or unit price): RFM
 * is then recency and frequency only, and the model leaves monetary out (an R+F model).
 */
export function hasNoMoney(m: Mapping): boolean {
  return m.amount === undefined && m.quantity === undefined && m.price === undefined;
}

/**
 * Roles still needed before RFM can be computed. A transactions file needs a customer and a date; money
 * is optional (none at all gives an R+F model), but quantity without unit price (or the reverse) needs
 * the other.
 */
export function missingRoles(kind: TableKind, m: Mapping): Role[] {
  if (kind === 'rfm')
    return (['recency', 'frequency', 'monetary'] as const).filter((r) => m[r] === undefined);
  const out: Role[] = [];
  if (m.customer === undefined) out.push('customer');
  if (m.date === undefined) out.push('date');
  const hasQp = m.quantity !== undefined && m.price !== undefined;
  if (!hasQp && m.amount === undefined) {
    if (m.quantity === undefined && m.price !== undefined) out.push('quantity');
    else if (m.price === undefined && m.quantity !== undefined) out.push('price');
  }
  return out;
}
