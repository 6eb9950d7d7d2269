/** Sentences about the cleaning evidence, shown by the Cleaning cell and the command line alike. */
import type { DuplicateEvidence } from '../core/clean/types';

const int = (n: number): string => n.toLocaleString('en-US');
const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

/** Why identical lines may not be copies (basis 'unsure'; src/core/clean/duplicates.ts decides). */
export function duplicatesSentence(e: DuplicateEvidence): string {
  const lines = `${int(e.identicalLines)} ${e.identicalLines === 1 ? 'line is' : 'lines are'} identical in every column to an earlier one (${percent(e.identicalLines, e.lines)} of all lines).`;
  const why = e.orderColumn
    ? `No column was recognised as the product, and ${int(e.multiLineOrders)} orders hold several different lines: identical lines may be different items of one order at the same price, not copies.`
    : 'No column was recognised as the product or the order: identical lines may be separate purchases by one customer at the same time and amount, not copies.';
  return `${lines} ${why}`;
}
