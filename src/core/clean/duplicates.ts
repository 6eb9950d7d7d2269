import type { DuplicateEvidence } from './types';
import type { Transactions } from '../ingest/types';

/**
 * Whether lines identical to an earlier one (every column of the file equal: `Transactions.dupGroup`)
 * are copies, decided from the values, over all lines before cleaning:
 * - with a product column, an identical line repeats one item of one order: a copy ('product');
 * - without one, an order column whose orders never hold two different lines makes the file one row
 *   per order: an identical row repeats an order ('orders');
 * - otherwise ('unsure') nothing tells items apart: two identical lines may be two items of one order
 *   at the same price (a file of order lines without the product), or two purchases by the same
 *   customer at the same time and amount. The Cleaning step then asks the user, with these counts,
 *   whether the duplicates rule should remove them.
 * null when the table has no duplicate groups. O(lines).
 */
export function duplicateEvidence(tx: Transactions): DuplicateEvidence | null {
  const group = tx.dupGroup;
  if (group === undefined) return null;
  const n = tx.rowCount;
  let identicalLines = 0;
  for (let i = 0; i < n; i++) if (group[i] !== i) identicalLines++;
  const facts = { identicalLines, lines: n, orderColumn: tx.invoice !== null };
  if (tx.product !== null) return { basis: 'product', ...facts, multiLineOrders: 0 };
  const inv = tx.invoice;
  if (inv === null) return { basis: 'unsure', ...facts, multiLineOrders: 0 };
  // per order: the duplicate group of its first line; a line of another group makes it multi-line
  const first = new Int32Array(tx.invoices.length).fill(-1);
  const multi = new Uint8Array(tx.invoices.length);
  let multiLineOrders = 0;
  for (let i = 0; i < n; i++) {
    const o = inv[i]!;
    if (o < 0) continue;
    const g = group[i]!;
    if (first[o] === -1) first[o] = g;
    else if (first[o] !== g && multi[o] === 0) {
      multi[o] = 1;
      multiLineOrders++;
    }
  }
  return { basis: multiLineOrders === 0 ? 'orders' : 'unsure', ...facts, multiLineOrders };
}
