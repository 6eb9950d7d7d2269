/**
 * What differs between the SQL dialects the warehouse export writes. Everything else is kept to the
 * common subset: CTEs, CASE, SUBSTR, LENGTH, TRIM, UPPER/LOWER, REPLACE, ||, FLOOR, ABS, POWER, LN,
 * COUNT(DISTINCT), SUM, MAX. Dates are parsed by arithmetic on their digits (no date functions: their
 * day counting and time zones differ between engines), numbers are cast to double explicitly.
 */

export const SQL_DIALECTS = ['duckdb', 'postgres', 'sqlite', 'spark', 'bigquery', 'snowflake'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** Dialects whose output the tests execute on the real engine; the others are parse-checked only. */
export const EXECUTED_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'sqlite'];

export const DIALECT_LABELS: Record<SqlDialect, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  sqlite: 'SQLite',
  spark: 'Spark SQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
};

export interface Dialect {
  readonly name: SqlDialect;
  /** A column or table name, quoted. */
  ident(name: string): string;
  /** A text literal. */
  text(value: string): string;
  /** The double-precision type name. */
  readonly double: string;
  /** The 64-bit integer type name. */
  readonly bigint: string;
  /** 1-based position of `needle` in `hay`, 0 when absent. */
  position(hay: string, needle: string): string;
  /** Part k (1-based) of `text` split at '-', '' when absent; undefined: no such function. */
  splitPart?(text: string, k: number): string;
  /** Whether `name AS MATERIALIZED (…)` is understood. */
  readonly materialized?: boolean;
  /** True when `expr` (not null) is only ASCII digits, at least one. */
  digits(expr: string): string;
  /** True when `expr` (not null) is a plain number: [+-] digits [. digits] [e[+-]digits]. */
  number(expr: string): string;
}

const NUMBER_RE = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$';
const DIGITS_RE = '^[0-9]+$';

const doubleQuoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const standardText = (value: string) => `'${value.replace(/'/g, "''")}'`;
// The k-th (1-based) '-'-separated part of a text, where the dialect has SPLIT_PART.
const splitOnDash = (text: string, k: number) => `SPLIT_PART(${text}, '-', ${k})`;
// Spark and BigQuery read backslash escapes inside string literals.
const backslashText = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    name: 'duckdb',
    splitPart: splitOnDash,
    materialized: true,
    ident: doubleQuoted,
    text: standardText,
    double: 'DOUBLE',
    bigint: 'BIGINT',
    position: (h, n) => `INSTR(${h}, ${n})`,
    digits: (e) => `REGEXP_FULL_MATCH(${e}, '${DIGITS_RE.slice(1, -1)}')`,
    number: (e) => `REGEXP_FULL_MATCH(${e}, '${NUMBER_RE.slice(1, -1)}')`,
  },
  postgres: {
    name: 'postgres',
    splitPart: splitOnDash,
    materialized: true,
    ident: doubleQuoted,
    text: standardText,
    double: 'DOUBLE PRECISION',
    bigint: 'BIGINT',
    position: (h, n) => `STRPOS(${h}, ${n})`,
    digits: (e) => `(${e} ~ '${DIGITS_RE}')`,
    number: (e) => `(${e} ~ '${NUMBER_RE}')`,
  },
  sqlite: {
    name: 'sqlite',
    materialized: true,
    ident: doubleQuoted,
    text: standardText,
    double: 'REAL',
    bigint: 'INTEGER',
    position: (h, n) => `INSTR(${h}, ${n})`,
    // No regular expressions in stock SQLite: GLOB character classes instead.
    digits: (e) => `(${e} <> '' AND ${e} NOT GLOB '*[^0-9]*')`,
    number: (e) => `(${e} GLOB '*[0-9]*' AND ${e} NOT GLOB '*[^0-9.eE+-]*' AND ${e} NOT GLOB '*.*.*')`,
  },
  spark: {
    name: 'spark',
    // split_part: Spark 3.3 and later
    splitPart: splitOnDash,
    ident: (name) => `\`${name.replace(/`/g, '``')}\``,
    text: backslashText,
    double: 'DOUBLE',
    bigint: 'BIGINT',
    position: (h, n) => `INSTR(${h}, ${n})`,
    digits: (e) => `(${e} RLIKE '${DIGITS_RE}')`,
    number: (e) => `(${e} RLIKE '${NUMBER_RE}')`,
  },
  bigquery: {
    name: 'bigquery',
    ident: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
    text: backslashText,
    double: 'FLOAT64',
    bigint: 'INT64',
    position: (h, n) => `STRPOS(${h}, ${n})`,
    digits: (e) => `REGEXP_CONTAINS(${e}, '${DIGITS_RE}')`,
    number: (e) => `REGEXP_CONTAINS(${e}, '${NUMBER_RE}')`,
  },
  snowflake: {
    name: 'snowflake',
    splitPart: splitOnDash,
    ident: doubleQuoted,
    text: standardText,
    double: 'DOUBLE',
    bigint: 'BIGINT',
    position: (h, n) => `CHARINDEX(${n}, ${h})`,
    // REGEXP_LIKE matches the whole value.
    digits: (e) => `REGEXP_LIKE(${e}, '${DIGITS_RE.slice(1, -1)}')`,
    number: (e) => `REGEXP_LIKE(${e}, '${NUMBER_RE.slice(1, -1)}')`,
  },
};

/**
 * A double literal that reads back to exactly the same double: the shortest round-trip digits in
 * exponent form (an exponent makes it a double, not a DECIMAL, in DuckDB, Spark and Snowflake).
 */
export function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Object.is(value, -0) || value === 0) return '0e0';
  return value.toExponential().replace('e+', 'e');
}
