/**
 * Export file names: `<dataset>-k<k>-<YYYY-MM-DD>-<what>.<ext>`, e.g.
 * `online-retail-k4-2026-11-26-customers.csv`. The dataset part is the file name without its
 * extensions, reduced to letters, digits, dot, underscore and hyphen (other runs become one hyphen),
 * at most 60 characters, "segments" when nothing is left.
 */

const EXTENSIONS = /(\.(csv|tsv|txt|dat|xlsx|xls|json|gz|zip))+$/i;

/** A safe file-name stem from a dataset (file) name. */
export function sanitiseFileStem(name: string | null | undefined, fallback = 'segments'): string {
  const stem = (name ?? '')
    .normalize('NFKC')
    .replace(/^.*[\\/]/, '')
    .replace(EXTENSIONS, '')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 60)
    .replace(/[-._]+$/g, '');
  return stem.length > 0 ? stem : fallback;
}

/** The local calendar day of `date` as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** `<dataset>-k<k>-<YYYY-MM-DD>-<what>` where `what` includes the extension (e.g. "customers.csv"). */
export function exportFileName(
  datasetName: string | null | undefined,
  k: number,
  date: Date,
  what: string,
): string {
  return `${sanitiseFileStem(datasetName)}-k${k}-${isoDay(date)}-${what}`;
}
