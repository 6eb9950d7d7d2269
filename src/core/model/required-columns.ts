/**
 * Which columns a saved model's replayed rules need on the file it is applied to. A rule that cannot
 * run because its column is not mapped would change the customers' R, F, M without a word (the
 * cleaning step skips a rule without its column), so applying stops and names the column instead.
 */
import type { CleaningSettings } from '../clean/types';
import type { Mapping, Role, TableKind } from '../ingest/types';
import type { RfmSettings } from '../rfm/types';

export interface RequiredColumn {
  /** The role that is not mapped. */
  readonly role: Role;
  /** What needs it: an RFM definition (`frequency: invoices`) or a cleaning rule. */
  readonly usedBy:
    | 'frequency: invoices'
    | 'monetary: amount'
    | 'monetary: quantity × price'
    | 'cleaning: non-product codes'
    | 'cleaning: unspecified country'
    | 'cleaning: negative net per country';
  /** The header that held the role in the training file, when the model says. */
  readonly trainingHeader: string | null;
}

/**
 * The first column the replayed definition needs but the mapping lacks, or null. `trained`: the
 * model's `input.columns` (role → header of the training file); cleaning rules are required only for
 * roles the training file had (a rule without its column did not run at training either).
 */
export function missingRequiredColumn(
  kind: TableKind,
  mapping: Mapping,
  rfm: RfmSettings,
  cleaning: CleaningSettings,
  trained: Partial<Record<Role, string>> | null,
  /** The model's features: a model without monetary (R+F) needs no money column. */
  features: readonly string[] = ['recency', 'frequency', 'monetary'],
): RequiredColumn | null {
  if (kind !== 'transactions') return null;
  const need = (role: Role, usedBy: RequiredColumn['usedBy']): RequiredColumn | null =>
    mapping[role] === undefined ? { role, usedBy, trainingHeader: trained?.[role] ?? null } : null;
  const hadAtTraining = (role: Role) => trained?.[role] !== undefined;
  const checks: (() => RequiredColumn | null)[] = [
    // Frequency counts lines when there is no invoice column: required only if the training file had one.
    () =>
      rfm.frequency === 'invoices' && (trained === null || hadAtTraining('invoice'))
        ? need('invoice', 'frequency: invoices')
        : null,
    () =>
      !features.includes('monetary')
        ? null
        : rfm.monetary === 'amount'
          ? need('amount', 'monetary: amount')
          : (need('quantity', 'monetary: quantity × price') ?? need('price', 'monetary: quantity × price')),
    () =>
      cleaning.dropNonProductCodes && cleaning.nonProductCodes.length > 0 && hadAtTraining('product')
        ? need('product', 'cleaning: non-product codes')
        : null,
    () =>
      cleaning.dropUnspecifiedCountry && hadAtTraining('country')
        ? need('country', 'cleaning: unspecified country')
        : null,
    () =>
      cleaning.dropNegativeNetCustomers &&
      cleaning.negativeNetGroupByCountry === true &&
      hadAtTraining('country')
        ? need('country', 'cleaning: negative net per country')
        : null,
  ];
  for (const check of checks) {
    const m = check();
    if (m) return m;
  }
  return null;
}
