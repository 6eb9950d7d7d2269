import type { ErrorOf } from '../core/errors';
import type { Mapping, Role, TableKind } from '../core/ingest/types';

/**
 * The code and facts when roles are missing (src/messages/errors.ts writes the sentence): a
 * transactions file with no date cannot give recency ('no-date', saying whether money is missing
 * too). A file with no money column is not an error: it goes on as an R+F model (the Columns and
 * Transform cells say so).
 */
export function missingColumns(
  kind: TableKind,
  m: Mapping,
  missing: readonly Role[],
): ErrorOf<'missing-columns'> | ErrorOf<'no-date'> {
  if (kind !== 'transactions' || !missing.includes('date'))
    return { code: 'missing-columns', roles: missing };
  const noMoney = m.amount === undefined && m.quantity === undefined && m.price === undefined;
  return { code: 'no-date', roles: missing, noMoney };
}
