/** Sentences about the cleaning evidence, shown by the Cleaning cell and the command line alike. */
import type { DuplicateEvidence } from '../core/clean/types';
import type { StatusEvidence } from '../core/clean/status-column';

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

/** Lines a status column marks as refunded or cancelled, which RFM counts as purchases. */
export function statusSentence(e: StatusEvidence): string {
  const shown = e.values.slice(0, 4).map((v) => `“${v.value}” (${int(v.lines)})`);
  const more = e.values.length > 4 ? ` and ${e.values.length - 4} more` : '';
  return `The column “${e.column}” marks ${int(e.lines)} ${e.lines === 1 ? 'line' : 'lines'} (${percent(e.lines, e.rows)}) as ${shown.join(', ')}${more}. No rule reads that column, so they count as purchases. If they are not, remove those lines from the file and load it again.`;
}
