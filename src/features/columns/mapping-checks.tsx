import type { MappingCheck } from '../../core/ingest/plausibility';
import type { Role } from '../../core/ingest/types';
import { Message } from '../../components/message';
import { formatInt } from '../../components/format';
import { confirmCheck, ROLE_LABELS } from '../../store/data-actions';

const q = (s: string): string => `“${s}”`;
const examples = (c: MappingCheck): string =>
  c.examples.length > 0 ? ` (for example ${c.examples.map((e) => JSON.stringify(e)).join(', ')})` : '';

/** The evidence of one failed check, in words. */
export function checkSentence(c: MappingCheck, roleLabel: (r: Role) => string): string {
  const role = roleLabel(c.role).toLowerCase();
  switch (c.kind) {
    case 'date-unreadable':
      return `${formatInt(c.count)} of ${formatInt(c.total)} filled cells of ${q(c.column)} cannot be read as dates in the chosen format${examples(c)}. Choose how the dates are written below, or another date column.`;
    case 'date-small-integers':
      return `${q(c.column)} holds only whole numbers from ${c.min} to ${c.max}${examples(c)}: that looks like a weekday, an hour or a day number, not a date.`;
    case 'id-decimals':
      return `${formatInt(c.count)} of ${formatInt(c.total)} distinct values of ${q(c.column)}, chosen as ${role}, are numbers with decimals${examples(c)}: that looks like money, not an identifier.`;
    case 'amount-small-counts':
      return `${q(c.column)}, chosen as ${role}, holds only ${formatInt(c.total)} different whole numbers from ${c.min} to ${c.max}: that looks like a count (of orders or items), not money.`;
    case 'customer-unique':
      return `Every customer id in ${q(c.column)} occurs on exactly one of ${formatInt(c.total)} rows: the file looks like one row per customer (a summary), not transactions. If so, choose “A ready RFM table” above.`;
  }
}

/** Failed plausibility checks with their evidence; each non-blocking one has a Confirm control. */
export function MappingChecks({
  checks,
  confirmed,
}: {
  checks: readonly MappingCheck[];
  confirmed: readonly string[];
}) {
  const open = checks.filter((c) => c.blocking || !confirmed.includes(c.key));
  if (open.length === 0) return null;
  const label = (r: Role) => ROLE_LABELS[r];
  return (
    <Message kind="warning" title="Check these columns before going on" testId="mapping-checks">
      <ul className="problems">
        {open.map((c) => (
          <li key={c.key} data-check={c.kind}>
            {checkSentence(c, label)}{' '}
            {c.blocking ? null : (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => confirmCheck(c.key)}
                aria-label={`Confirm: ${q(c.column)} is the ${label(c.role).toLowerCase()}`}
              >
                {`Yes, ${q(c.column)} is the ${label(c.role).toLowerCase()}`}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Message>
  );
}
