/** The words for each column role (the Columns step, and the sentences that name roles). */
import type { Role } from '../core/ingest/types';

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

/** Roles in lower case as a list: "customer id, date and quantity". */
export function listRoles(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_LABELS[r].toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
