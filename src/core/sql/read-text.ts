import type { DateOrder } from '../ingest/types';
import type { Dialect } from './dialects';

/**
 * SQL that reads the text columns the way src/core/ingest does: dates by their digits (the parts
 * between separators), numbers with the column's decimal mark. Every value that the app would read
 * as NaN becomes NULL here, so the "unreadable rows" rule removes the same rows.
 */

/** A number column: text → double, NULL when it is not a plain number (decimal ',' handled). */
export function numberExpr(d: Dialect, text: string, decimal: '.' | ','): string {
  const t = decimal === ',' ? `REPLACE(REPLACE(${text}, '.', ''), ',', '.')` : text;
  return `CAST(CASE WHEN ${d.number(t)} THEN ${t} END AS ${d.double})`;
}

const PARTS = 7;
const NORMALISE = ['T', ' ', '/', '.', ':'];

/**
 * CTEs splitting each distinct `date_text` of `from` into its digit groups: the separators T, space,
 * '/', '.' and ':' become '-', then parts 1–7 are cut at the '-' (date_p1 … date_p7, '' when absent)
 * and date_extra is 1 when there are more. The last CTE is named `date_split`. Dates are read once
 * per distinct text (a few thousand) and joined back to the rows.
 */
export function dateSplitCtes(d: Dialect, from: string): string[] {
  const norm = NORMALISE.reduce((s, c) => `REPLACE(${s}, '${c}', '-')`, 'date_text');
  const ctes = [
    `date_values AS (
  -- each distinct date text once; separators (T, space, /, ., :) all become '-'
  SELECT date_text, ${norm} AS date_norm
  FROM (SELECT DISTINCT date_text FROM ${from} WHERE date_text IS NOT NULL) v
)`,
  ];
  const extra = `CASE WHEN LENGTH(date_norm) - LENGTH(REPLACE(date_norm, '-', '')) > ${PARTS - 1} THEN 1 ELSE 0 END AS date_extra`;
  if (d.splitPart) {
    const parts = Array.from(
      { length: PARTS },
      (_, k) => `    ${d.splitPart!('date_norm', k + 1)} AS date_p${k + 1}`,
    );
    ctes.push(`date_split AS (
  SELECT date_text,
${parts.join(',\n')},
    ${extra}
  FROM date_values
)`);
    return ctes;
  }
  // No split function (SQLite): cut one part per step, each step materialised so the expressions
  // do not nest into each other.
  const mat = d.materialized ? ' MATERIALIZED' : '';
  ctes.push(`date_split_0 AS${mat} (
  SELECT date_text, ${extra}, date_norm || '-' AS date_rest_0 FROM date_values
)`);
  const kept = ['date_text', 'date_extra'];
  for (let k = 1; k <= PARTS; k++) {
    const prev = `date_rest_${k - 1}`;
    const pos = d.position(prev, "'-'");
    const name = k === PARTS ? 'date_split' : `date_split_${k}`;
    ctes.push(`${name} AS${mat} (
  SELECT ${kept.join(', ')},
    CASE WHEN ${pos} > 0 THEN SUBSTR(${prev}, 1, ${pos} - 1) ELSE '' END AS date_p${k},
    CASE WHEN ${pos} > 0 THEN SUBSTR(${prev}, ${pos} + 1) ELSE '' END AS date_rest_${k}
  FROM date_split_${k - 1}
)`);
    kept.push(`date_p${k}`);
  }
  return ctes;
}

function lenIn(p: string, lengths: readonly number[]): string {
  return lengths.length === 1 ? `LENGTH(${p}) = ${lengths[0]}` : `LENGTH(${p}) IN (${lengths.join(', ')})`;
}

/**
 * The shape of each date (from the parts of `dateSplitCtes`) and its fields, as two SELECT lists:
 * `shape` adds date_shape ('I' ISO, 'C' compact YYYYMMDD, 'P' M/D or D/M with the year last; NULL
 * when the value has none of these shapes), `fields` adds date_y, date_m, date_d, date_h, date_mi,
 * date_s (doubles) and date_frac (fraction of a second). Shapes as src/core/ingest/dates.ts reads
 * them: ISO `YYYY-MM-DD[ HH:MM[:SS[.fff]]]` (also '/'), compact `YYYYMMDD`, and `M/D/YYYY` or
 * `D/M/YYYY` (2- or 4-digit year, also '.' or '-') with the same optional time.
 */
export function dateSelects(d: Dialect, order: DateOrder): { shape: string; fields: string } {
  const p = (k: number) => `date_p${k}`;
  const digits = (k: number, lengths: readonly number[]) => `(${d.digits(p(k))} AND ${lenIn(p(k), lengths)})`;
  const time = [
    `(${p(4)} = '' AND ${p(5)} = '' AND ${p(6)} = '' AND ${p(7)} = '')`,
    `(${digits(4, [1, 2])} AND ${digits(5, [2])} AND ${p(6)} = '' AND ${p(7)} = '')`,
    `(${digits(4, [1, 2])} AND ${digits(5, [2])} AND ${digits(6, [2])} AND (${p(7)} = '' OR ${d.digits(p(7))}))`,
  ].join('\n        OR ');
  const timeOk = `(${time})\n      AND date_extra = 0`;
  const iso = `${digits(1, [4])} AND ${digits(2, [1, 2])} AND ${digits(3, [1, 2])}\n      AND ${timeOk}`;
  const compact = `${digits(1, [8])} AND ${p(2)} = '' AND date_extra = 0`;
  const parts = `${digits(1, [1, 2])} AND ${digits(2, [1, 2])} AND ${digits(3, [2, 4])}\n      AND ${timeOk}`;
  const num = (text: string) => `CAST(${text} AS ${d.double})`;
  let shape: string;
  let y: string;
  let m: string;
  let day: string;
  if (order === 'ISO' || order === 'YMD_COMPACT') {
    shape = `CASE WHEN ${compact} THEN 'C'\n    WHEN ${iso} THEN 'I' END`;
    y = `CASE date_shape WHEN 'C' THEN SUBSTR(${p(1)}, 1, 4) WHEN 'I' THEN ${p(1)} END`;
    m = `CASE date_shape WHEN 'C' THEN SUBSTR(${p(1)}, 5, 2) WHEN 'I' THEN ${p(2)} END`;
    day = `CASE date_shape WHEN 'C' THEN SUBSTR(${p(1)}, 7, 2) WHEN 'I' THEN ${p(3)} END`;
  } else if (order === 'MDY' || order === 'DMY') {
    // a value written year-first is read as ISO, as the app does
    shape = `CASE WHEN ${iso} THEN 'I'\n    WHEN ${parts} THEN 'P' END`;
    const [mp, dp] = order === 'MDY' ? [1, 2] : [2, 1];
    y = `CASE date_shape WHEN 'I' THEN ${p(1)} WHEN 'P' THEN ${p(3)} END`;
    m = `CASE date_shape WHEN 'I' THEN ${p(2)} WHEN 'P' THEN ${p(mp)} END`;
    day = `CASE date_shape WHEN 'I' THEN ${p(3)} WHEN 'P' THEN ${p(dp)} END`;
  } else {
    throw new Error('Excel serial dates have no SQL reading');
  }
  // 2-digit years as POSIX strptime: 69–99 → 19xx, 00–68 → 20xx
  const year = `CASE WHEN date_shape = 'P' AND LENGTH(${p(3)}) = 2
      THEN CASE WHEN ${num(`(${y})`)} >= 69 THEN 1900 ELSE 2000 END + ${num(`(${y})`)}
      ELSE ${num(`(${y})`)} END`;
  const timePart = (k: number) =>
    `CASE WHEN date_shape IS NULL THEN NULL WHEN ${p(k)} = '' THEN 0 ELSE ${num(`(CASE WHEN date_shape <> 'C' THEN ${p(k)} END)`)} END`;
  const fields = `${year} AS date_y,
    ${num(`(${m})`)} AS date_m,
    ${num(`(${day})`)} AS date_d,
    ${timePart(4)} AS date_h,
    ${timePart(5)} AS date_mi,
    ${timePart(6)} AS date_s,
    CASE WHEN date_shape IS NULL THEN NULL WHEN ${p(7)} = '' THEN 0
      ELSE ${num(`(CASE WHEN date_shape <> 'C' THEN '0.' || ${p(7)} END)`)} END AS date_frac`;
  return { shape, fields };
}

/** Days since 1970-01-01 of a proleptic Gregorian y-m-d, in double arithmetic (exact for these sizes). */
export function epochDaysExpr(y: string, m: string, d: string): string {
  // H. Hinnant's days_from_civil, with FLOOR on doubles so no engine's integer division is involved.
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = `FLOOR(${yy} / 400)`;
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(FLOOR((153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2) / 5) + ${d} - 1)`;
  const doe = `(${yoe} * 365 + FLOOR(${yoe} / 4) - FLOOR(${yoe} / 100) + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468)`;
}

/** Days in month m of year y (both doubles). */
export function daysInMonthExpr(y: string, m: string): string {
  const div = (n: number) => `(${y} - ${n} * FLOOR(${y} / ${n}) = 0)`;
  const leap = `((${div(4)} AND NOT ${div(100)}) OR ${div(400)})`;
  return `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
}
