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
 * What is missing, said plainly: a file with no date cannot give recency (refused, naming it); a file
 * with no money column is told so, with what would make it usable.
 */
export function missingColumnsError(kind: TableKind, m: Mapping, missing: readonly Role[]): StepError {
  const base = `Choose a column for ${listRoles(missing)} below: the RFM table cannot be computed without ${missing.length === 1 ? 'it' : 'them'}.`;
  if (kind !== 'transactions') return { code: 'missing-columns', message: base };
  const noMoney = m.amount === undefined && m.quantity === undefined && m.price === undefined;
  const noDate = missing.includes('date');
  const parts = [base];
  if (noDate)
    parts.push(
      'No date column was found: without the date of each purchase there is no recency, so this file cannot be segmented unless it has one.',
    );
  if (noMoney)
    parts.push(
      'No money column was found (no amount, unit price or quantity): monetary needs an amount per line, or quantity and unit price. A recency + frequency model that leaves monetary out is not available in this version.',
    );
  return { code: noDate ? 'no-date' : noMoney ? 'no-money' : 'missing-columns', message: parts.join(' ') };
}

function listRoles(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_LABELS[r].toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
