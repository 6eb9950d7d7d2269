/** Number and size formatting shared by the cells (en-US grouping so tests and users read the same). */

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 541909 → "541,909". */
export function formatInt(n: number): string {
  return Number.isFinite(n) ? int.format(n) : '—';
}

/** 4310 → "4,310.00" (two decimals, half-away rounding of Intl). */
export function formatMoney(n: number): string {
  return Number.isFinite(n) ? money.format(n) : '—';
}

/** A general number: integers as integers, others with up to 4 significant decimals. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (Number.isInteger(n)) return int.format(n);
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 }).format(n);
}

/** Bytes in B / KB / MB / GB (powers of 1024). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Milliseconds as "850 ms" or "2.4 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A time in ms read as UTC wall clock → "2011-12-09 12:50" (or just the day at midnight). */
export function formatTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10);
  const hm = iso.slice(11, 16);
  return hm === '00:00' ? day : `${day} ${hm}`;
}

/** How a delimiter is named to users. */
export function delimiterName(d: string): string {
  switch (d) {
    case ',':
      return 'comma';
    case ';':
      return 'semicolon';
    case '\t':
      return 'tab';
    case '|':
      return 'pipe';
    case 'whitespace':
      return 'spaces';
    default:
      return JSON.stringify(d);
  }
}
