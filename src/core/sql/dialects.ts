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
// 1-based position of a needle in a text, 0 when absent.
const instr = (hay: string, needle: string) => `INSTR(${hay}, ${needle})`;
const strpos = (hay: string, needle: string) => `STRPOS(${hay}, ${needle})`;
// Spark and BigQuery read backslash escapes inside string literals.
const backslashText = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * `digits` and `number` of a dialect that has regular expressions: `match(expr, literal)` is its
 * test of a text against a pattern; `whole`: the test matches the whole value, so the patterns are
 * written without their ^…$ anchors.
 */
function regexTests(match: (expr: string, pattern: string) => string, whole = false) {
  const literal = (re: string) => `'${whole ? re.slice(1, -1) : re}'`;
  return {
    digits: (e: string) => match(e, literal(DIGITS_RE)),
    number: (e: string) => match(e, literal(NUMBER_RE)),
  };
}

export const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    name: 'duckdb',
    splitPart: splitOnDash,
    materialized: true,
    ident: doubleQuoted,
    text: standardText,
    double: 'DOUBLE',
    bigint: 'BIGINT',
    position: instr,
    ...regexTests((e, re) => `REGEXP_FULL_MATCH(${e}, ${re})`, true),
  },
  postgres: {
    name: 'postgres',
    splitPart: splitOnDash,
    materialized: true,
    ident: doubleQuoted,
    text: standardText,
    double: 'DOUBLE PRECISION',
    bigint: 'BIGINT',
    position: strpos,
    ...regexTests((e, re) => `(${e} ~ ${re})`),
  },
  sqlite: {
    name: 'sqlite',
    materialized: true,
    ident: doubleQuoted,
    text: standardText,
    double: 'REAL',
    bigint: 'INTEGER',
    position: instr,
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
    position: instr,
    ...regexTests((e, re) => `(${e} RLIKE ${re})`),
  },
  bigquery: {
    name: 'bigquery',
    ident: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
    text: backslashText,
    double: 'FLOAT64',
    bigint: 'INT64',
    position: strpos,
    ...regexTests((e, re) => `REGEXP_CONTAINS(${e}, ${re})`),
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
    ...regexTests((e, re) => `REGEXP_LIKE(${e}, ${re})`, true),
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
