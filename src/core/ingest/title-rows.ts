import type { TablePreview } from './types';
import { detectNumberFormat, parseNumber } from './numbers';

/**
 * Lines above the real header (a report's title, an "Exported on …" line), found from the preview:
 * the first line read as the header names fewer columns than most rows fill, and a later line of the
 * first ten fills at least as many with distinct, non-numeric names that do not recur below it in
 * their column (a header's names are not values). Returns how many lines come before that line (0:
 * the first line is the header). The file is not re-read: the Data step says which line looks like
 * the header and asks for the title lines to be removed.
 */
export function titleLines(preview: TablePreview): number {
  const header = headerAsWritten(preview);
  const lines = [header, ...preview.rows];
  if (preview.rows.length < 5) return 0;
  const filled = (r: readonly string[]) => r.filter((f) => f.trim() !== '').length;
  const counts = preview.rows.map(filled);
  const width = mode(counts);
  if (width < 2 || filled(header) >= width) return 0;
  const fmt = detectNumberFormat(preview.rows.flat().slice(0, 2000));
  for (let r = 1; r < Math.min(lines.length - 3, 11); r++) {
    const line = lines[r]!;
    if (filled(line) < width) continue;
    const names = line.map((f) => f.trim()).filter((f) => f !== '');
    if (new Set(names).size !== names.length) return 0;
    if (names.some((f) => Number.isFinite(parseNumber(f, fmt)))) return 0;
    const below = lines.slice(r + 1);
    if (line.some((f, j) => f.trim() !== '' && below.some((b) => b[j] === f))) return 0;
    return r;
  }
  return 0;
}

function mode(xs: readonly number[]): number {
  const seen = new Map<number, number>();
  let best = 0;
  let bestN = 0;
  for (const x of xs) {
    const n = (seen.get(x) ?? 0) + 1;
    seen.set(x, n);
    if (n > bestN || (n === bestN && x > best)) {
      best = x;
      bestN = n;
    }
  }
  return best;
}

/** The first line's fields as written: a generated name ("Column 3", see uniqueHeaders) was empty. */
export function headerAsWritten(preview: TablePreview): string[] {
  return preview.headers.map((h, j) => (h === `Column ${j + 1}` ? '' : h));
}
