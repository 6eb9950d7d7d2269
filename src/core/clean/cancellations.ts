import type { CancellationBasis, CancellationEvidence } from './types';
import type { Transactions } from '../ingest/types';

export type { CancellationBasis, CancellationEvidence };

/**
 * Cancellations and returns, decided from the values (never from the look of one file).
 *
 * A "C" prefix on the invoice marks a cancellation in some exports (UCI Online Retail: C536379 holds
 * the negative lines of a cancelled order) but is just the start of an id in others (Superstore:
 * CA-2016-152156 is an ordinary order). So the prefix rule is used only when the data supports it:
 * at least PREFIX_SUPPORT (90%) of the lines whose invoice starts with 'C' carry a negative quantity
 * (the amount when there is no quantity column). Otherwise prefixed invoices are ordinary orders and
 * a line is a return when its quantity (amount) is below zero.
 *
 * basis 'prefix': cancellation lines = lines of invoices starting with 'C' (as before: negative lines
 * without the prefix stay purchases, so the UCI file keeps its reference numbers).
 * basis 'negative': cancellation (return) lines = lines with quantity (amount) < 0.
 * basis 'none': no line is a cancellation.
 */
export const PREFIX_SUPPORT = 0.9;

/** True when the invoice text starts with 'C' or 'c' after leading blanks. */
export function hasCancelPrefix(invoice: string): boolean {
  const c = invoice.trimStart().charCodeAt(0);
  return c === 67 || c === 99;
}

/** Per invoice code: 1 when its text starts with 'C' (the prefix alone, not the evidence). */
export function prefixFlags(invoices: readonly string[]): Uint8Array {
  const f = new Uint8Array(invoices.length);
  for (let k = 0; k < invoices.length; k++) f[k] = hasCancelPrefix(invoices[k]!) ? 1 : 0;
  return f;
}

function signValues(tx: Transactions): { v: Float64Array | null; col: 'quantity' | 'amount' | null } {
  if (tx.quantity) return { v: tx.quantity, col: 'quantity' };
  if (tx.amount) return { v: tx.amount, col: 'amount' };
  return { v: null, col: null };
}

/** Counts the evidence and decides the basis (see the module comment). O(rows). */
export function cancellationEvidence(tx: Transactions): CancellationEvidence {
  const { v, col } = signValues(tx);
  const inv = tx.invoice;
  const pre = inv ? prefixFlags(tx.invoices) : null;
  let prefixedLines = 0;
  let prefixedNegative = 0;
  let negativeLines = 0;
  const seen = pre ? new Uint8Array(pre.length) : null;
  let prefixedInvoices = 0;
  let example: string | null = null;
  for (let i = 0; i < tx.rowCount; i++) {
    const neg = v !== null && v[i]! < 0;
    if (neg) negativeLines++;
    if (!pre) continue;
    const c = inv![i]!;
    if (c < 0 || pre[c] !== 1) continue;
    prefixedLines++;
    if (neg) prefixedNegative++;
    if (!seen![c]) {
      seen![c] = 1;
      prefixedInvoices++;
      example ??= tx.invoices[c]!;
    }
  }
  const supported = prefixedLines > 0 && v !== null && prefixedNegative >= PREFIX_SUPPORT * prefixedLines;
  const basis: CancellationBasis = supported ? 'prefix' : negativeLines > 0 ? 'negative' : 'none';
  return {
    basis,
    signColumn: col,
    prefixedLines,
    prefixedNegative,
    prefixedInvoices,
    prefixedExample: example,
    negativeLines,
  };
}

/** Per row: 1 when the line is a cancellation or return under the evidence's basis. */
export function cancellationLines(tx: Transactions, evidence = cancellationEvidence(tx)): Uint8Array {
  const n = tx.rowCount;
  const out = new Uint8Array(n);
  if (evidence.basis === 'prefix') {
    const inv = tx.invoice!;
    const pre = prefixFlags(tx.invoices);
    for (let i = 0; i < n; i++) {
      const c = inv[i]!;
      if (c >= 0 && pre[c] === 1) out[i] = 1;
    }
  } else if (evidence.basis === 'negative') {
    const v = signValues(tx).v!;
    for (let i = 0; i < n; i++) if (v[i]! < 0) out[i] = 1;
  }
  return out;
}
