/** What the data says about cancellations and identical lines, in words (src/core/clean decides). */
import type { CancellationEvidence, DuplicateEvidence } from '../../core/clean/types';
import { Message } from '../../components/message';
import { formatInt } from '../../components/format';
import { setCleaning } from '../../store/data-actions';
import { duplicatesSentence, statusSentence } from '../../messages/cleaning';
import type { StatusEvidence } from '../../core/clean/status-column';

/** What the data says about cancellations, in words (src/core/clean/cancellations.ts decides). */
export function cancellationSentence(e: CancellationEvidence): string {
  const col = e.signColumn ?? 'quantity';
  const neg = `${formatInt(e.negativeLines)} ${e.negativeLines === 1 ? 'line has' : 'lines have'} a negative ${col}`;
  if (e.basis === 'prefix')
    return `${formatInt(e.prefixedNegative)} of the ${formatInt(e.prefixedLines)} lines on invoices starting with “C” (e.g. ${e.prefixedExample ?? ''}) have a negative ${col}: those invoices are treated as cancellations.`;
  const prefix =
    e.prefixedLines === 0
      ? 'No invoice starts with “C”.'
      : e.signColumn === null
        ? `${formatInt(e.prefixedInvoices)} invoices start with “C” (e.g. ${e.prefixedExample ?? ''}) but there is no quantity or amount to check: not treated as cancellations.`
        : e.prefixedNegative === 0
          ? `No invoice with a “C” prefix has a negative ${col} (${formatInt(e.prefixedInvoices)} such invoices, e.g. ${e.prefixedExample ?? ''}): not treated as cancellations.`
          : `Only ${formatInt(e.prefixedNegative)} of the ${formatInt(e.prefixedLines)} lines on invoices starting with “C” (e.g. ${e.prefixedExample ?? ''}) have a negative ${col}: the prefix is not treated as a cancellation mark.`;
  if (e.basis === 'negative') return `${prefix} ${neg}: they are treated as returns (not purchases).`;
  return `${prefix} No line has a negative ${col}: nothing is a cancellation or return.`;
}

/**
 * Shown while the duplicates rule is on and the data cannot tell copies from repeated purchases: the
 * evidence, and the choice to keep the lines.
 */
export function DuplicatesWarning({ evidence: e }: { evidence: DuplicateEvidence }) {
  if (e.basis !== 'unsure' || e.identicalLines === 0) return null;
  return (
    <Message kind="warning" title="Are the identical lines copies?" testId="duplicates-warning">
      <p>
        {duplicatesSentence(e)} The rule “Exact duplicate lines” removes them now. Keep them unless you know
        the file repeats lines (an export run twice, a join that doubled rows).
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setCleaning({ dropDuplicates: false })}
      >
        Keep identical lines
      </button>
    </Message>
  );
}

/** Lines a status column marks as refunded or cancelled (src/core/clean/status-column.ts). */
export function StatusWarning({ evidence }: { evidence: StatusEvidence }) {
  return (
    <Message kind="warning" title="Refunded or cancelled lines count as purchases" testId="status-warning">
      <p>{statusSentence(evidence)}</p>
    </Message>
  );
}
