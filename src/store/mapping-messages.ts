import type { Mapping, Role, TableKind } from '../core/types';
import type { StepError } from '../core/step';

/** The words for each role, and the sentences of the Columns step when roles are missing. */
export const ROLE_LABELS: Record<Role, string> = {
  customer: 'Customer id',
  invoice: 'Invoice / order id',
  date: 'Date',
  quantity: 'Quantity',
  price: 'Unit price',
  amount: 'Amount (line total)',
  country: 'Country',
  product: 'Product code',
  recency: 'Recency (days, or last purchase date)',
  frequency: 'Frequency',
  monetary: 'Monetary',
  frequency2: 'Frequency, added column',
  monetary2: 'Monetary, added column',
};

/**
 * What is missing, said plainly: a file with no date cannot give recency (refused, naming it and what to
 * do). A file with no money column is not an error: it goes on as an R+F model (the Columns and
 * Transform cells say so).
 */
export function missingColumnsError(kind: TableKind, m: Mapping, missing: readonly Role[]): StepError {
  const base = `Choose a column for ${listRoles(missing)} below: the RFM table cannot be computed without ${missing.length === 1 ? 'it' : 'them'}.`;
  if (kind !== 'transactions') return { code: 'missing-columns', message: base };
  const noDate = missing.includes('date');
  const parts = [base];
  if (noDate)
    parts.push(
      `No date column was found${m.amount === undefined && m.quantity === undefined && m.price === undefined ? ' (and no money column)' : ''}: without the date of each purchase there is no recency, so this file cannot be segmented. Choose the column that holds each order's date if it has another name, or export the file again with the order date (a customer summary needs a last-purchase date or a recency in days).`,
    );
  return { code: noDate ? 'no-date' : 'missing-columns', message: parts.join(' ') };
}

function listRoles(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_LABELS[r].toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
