import type { Role } from '../ingest/types';
import { dayStart, DAY_MS } from '../ingest/dates';
import { MONEY_EPS } from '../rfm/rfm';
import { PREFIX_SUPPORT } from '../clean/cancellations';
import { DIALECT_LABELS, DIALECTS, EXECUTED_DIALECTS, SQL_DIALECTS, doubleLiteral } from './dialects';
import type { Dialect, SqlDialect } from './dialects';
import { SqlGenerationError, asSqlModel } from './model';
import type { SqlModel } from './model';
import { dateSelects, dateSplitCtes, daysInMonthExpr, epochDaysExpr, numberExpr } from './read-text';
import { scoringCtes, segmentNameExpr } from './score';

export interface SqlOptions {
  readonly dialect: SqlDialect;
  /** The table holding the file's rows, every column as text, named by the file's headers. */
  readonly table?: string;
}

const DAY = String(DAY_MS);

function tableRef(d: Dialect, table: string): string {
  // schema.table as given when it is plain; otherwise one quoted name
  return /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(table) ? table : d.ident(table);
}

/**
 * The script reproducing the model's cleaning, RFM and scoring (docs/warehouse-sql.md). The last
 * statement is a SELECT of customer_id, recency, frequency, monetary, cluster_id, segment_name, one
 * row per modelled customer. `model` is a parsed model JSON.
 */
export function generateSql(modelJson: unknown, options: SqlOptions): string {
  if (!SQL_DIALECTS.includes(options.dialect))
    throw new SqlGenerationError('sql-bad-dialect', String(options.dialect));
  const model = asSqlModel(modelJson);
  const d = DIALECTS[options.dialect];
  const { input, cleaning } = model;
  if (input.kind !== 'transactions')
    throw new SqlGenerationError('sql-rfm-table', 'the model was made from an RFM table, not transactions');
  if (input.dateOrder === 'EXCEL_SERIAL')
    throw new SqlGenerationError('sql-excel-dates', 'dates are Excel serial numbers');
  if (cleaning.dropOutliers) throw new SqlGenerationError('sql-outliers', 'the extreme-lines rule is on');
  const col = (role: Role) => input.columns[role];
  const has = (role: Role) => col(role) !== undefined;
  if (!has('customer') || !has('date'))
    throw new SqlGenerationError('sql-no-input', 'the customer and date columns are not recorded');
  const dec = (role: Role) => input.decimalSeparators[role] ?? '.';
  const blank = (name: string) => `NULLIF(TRIM(${d.ident(name)}), '')`;
  const table = tableRef(d, options.table ?? 'transactions');
  const headers = input.headers;
  const fileCols = headers.map((h, j) => `    ${blank(h)} AS f${j + 1}`);
  const roleText = (role: Role) => `f${headers.indexOf(col(role)!) + 1}`;
  for (const role of Object.keys(input.columns) as Role[])
    if (!headers.includes(col(role)!))
      throw new SqlGenerationError('sql-no-input', `column ${col(role)} is not among the headers`);

  const customerText = input.customerIdsDropDotZero
    ? `SUBSTR(${roleText('customer')}, 1, ${d.position(roleText('customer'), "'.'")} - 1)`
    : roleText('customer');
  const nullText = `CAST(NULL AS ${d.name === 'bigquery' ? 'STRING' : 'VARCHAR(1)'})`;
  const qExpr = has('quantity') ? numberExpr(d, roleText('quantity'), dec('quantity')) : null;
  const pExpr = has('price') ? numberExpr(d, roleText('price'), dec('price')) : null;
  const aExpr = has('amount') ? numberExpr(d, roleText('amount'), dec('amount')) : null;
  const nullNum = `CAST(NULL AS ${d.double})`;
  const dates = dateSelects(d, input.dateOrder ?? 'ISO');
  const ctes: string[] = [];
  ctes.push(`src AS (
  -- the file's columns (all text); fields are trimmed and an empty field is missing, as the app reads them
  SELECT
${fileCols.join(',\n')},
    ${blank(col('date')!)} AS date_text
  FROM ${table}
)`);
  ctes.push(...dateSplitCtes(d, 'src'));
  const mat = d.materialized ? ' MATERIALIZED' : '';
  ctes.push(`date_shaped AS${mat} (
  -- the date's shape for order ${input.dateOrder ?? 'ISO'}; NULL = unreadable
  SELECT *,
    ${dates.shape} AS date_shape
  FROM date_split
)`);
  ctes.push(`date_fields AS${mat} (
  SELECT *,
    ${dates.fields}
  FROM date_shaped
)`);
  const y = 'date_y';
  const m = 'date_m';
  const valid = `date_m BETWEEN 1 AND 12 AND date_d BETWEEN 1 AND ${daysInMonthExpr(y, m)}
      AND date_h <= 23 AND date_mi <= 59 AND date_s <= 59`;
  const tMs = `${epochDaysExpr(y, m, 'date_d')} * ${DAY}
      + date_h * 3600000 + date_mi * 60000 + date_s * 1000 + ROUND(date_frac * 1000)`;
  ctes.push(`date_times AS${mat} (
  -- time as milliseconds since 1970-01-01 of the wall-clock time written (no time zone); NULL = unreadable
  SELECT date_text,
    CASE WHEN ${valid}
      THEN ${tMs} END AS t_ms
  FROM date_fields
)`);
  // SQLite indexes a correlated lookup automatically, but not this join; the others join. `typed`
  // is then materialised: inlined into its users, the lookup is copied into every place t_ms is
  // read and only the first copy gets the index (the others scan date_times per row: lines × dates).
  const tJoin =
    d.name === 'sqlite'
      ? {
          column: '(SELECT date_times.t_ms FROM date_times WHERE date_times.date_text = src.date_text)',
          from: 'FROM src',
          mat: ' MATERIALIZED',
        }
      : {
          column: 'date_times.t_ms',
          from: 'FROM src LEFT JOIN date_times ON src.date_text = date_times.date_text',
          mat: '',
        };
  const headerList = headers.map((_, j) => `src.f${j + 1}`).join(', ');
  ctes.push(`typed AS${tJoin.mat} (
  -- typed values; numbers read with the file's decimal mark; NULL where the app reads NaN
  SELECT ${headerList},
    ${customerText} AS customer_id,
    ${has('invoice') ? roleText('invoice') : nullText} AS invoice,
    ${has('product') ? roleText('product') : nullText} AS product,
    ${has('country') ? roleText('country') : nullText} AS country,
    ${tJoin.column} AS t_ms,
    ${qExpr ?? nullNum} AS qty,
    ${pExpr ?? nullNum} AS price,
    ${aExpr ?? nullNum} AS amount
  ${tJoin.from}
)`);
  ctes.push(...cleaningCtes(d, model, { q: qExpr !== null, p: pExpr !== null, a: aExpr !== null }));
  ctes.push(...rfmCtes(d, model, { q: qExpr !== null, p: pExpr !== null, a: aExpr !== null }));
  ctes.push(...scoringCtes(d, model));

  const header = [
    `-- Segment Notebook: cleaning, RFM and scoring of the model${model.dataset?.name ? ` made from "${model.dataset.name}"` : ''}`,
    `-- Dialect: ${DIALECT_LABELS[d.name]} (${EXECUTED_DIALECTS.includes(d.name) ? 'verified: this script is run on the real engine in the tests' : 'syntax-checked with a SQL parser, not executed'}).`,
    `-- Reads table ${table}: one row per line of the file, columns named as its headers`,
    `--   (${headers.join(', ')}), every column stored as text.`,
    `-- Returns customer_id, recency, frequency, monetary, cluster_id, segment_name, one row per modelled customer.`,
    `-- Definitions: docs/rfm-definition.md and docs/warehouse-sql.md of Segment Notebook.`,
  ].join('\n');
  const body = `WITH\n${ctes.join(',\n')}\nSELECT customer_id, recency, frequency, monetary, cluster_id,\n  ${segmentNameExpr(d, model)} AS segment_name\nFROM scored\nORDER BY customer_id;\n`;
  return `${header}\n${body}`;
}

interface Money {
  readonly q: boolean;
  readonly p: boolean;
  readonly a: boolean;
}

/** A line starting with "C" (after the blanks a field loses): what a cancellation prefix looks like. */
const PREFIXED = `(invoice IS NOT NULL AND UPPER(SUBSTR(invoice, 1, 1)) = 'C')`;

/**
 * `flagged`: the typed lines with `is_cancel` (1 = a cancellation or return), decided from the values as
 * the app decides it (src/core/clean/cancellations.ts): the "C" prefix when at least 90% of its lines
 * have a negative quantity (amount without a quantity column); otherwise a negative quantity (amount);
 * without either column nothing is.
 */
function cancellationCtes(money: Money): string[] {
  const sign = money.q ? 'qty' : money.a ? 'amount' : null;
  if (sign === null) return [`flagged AS (SELECT typed.*, 0 AS is_cancel FROM typed)`];
  const neg = `${sign} < 0`;
  return [
    `evidence AS (
  -- what marks a cancellation in this data: lines with the "C" prefix, those of them with a negative
  -- ${sign === 'qty' ? 'quantity' : 'amount'}, and all lines with one
  SELECT
    SUM(CASE WHEN ${PREFIXED} THEN 1 ELSE 0 END) AS prefixed_lines,
    SUM(CASE WHEN ${PREFIXED} AND ${neg} THEN 1 ELSE 0 END) AS prefixed_negative,
    SUM(CASE WHEN ${neg} THEN 1 ELSE 0 END) AS negative_lines
  FROM typed
)`,
    `flagged AS (
  -- is_cancel: the prefix where ≥ ${PREFIX_SUPPORT * 100}% of its lines are negative, else a negative ${sign === 'qty' ? 'quantity' : 'amount'}
  SELECT typed.*,
    CASE
      WHEN evidence.prefixed_lines > 0 AND evidence.prefixed_negative >= ${PREFIX_SUPPORT} * evidence.prefixed_lines
        THEN CASE WHEN ${PREFIXED} THEN 1 ELSE 0 END
      WHEN evidence.negative_lines > 0 THEN CASE WHEN ${neg} THEN 1 ELSE 0 END
      ELSE 0
    END AS is_cancel
  FROM typed CROSS JOIN evidence
)`,
  ];
}

function cleaningCtes(d: Dialect, model: SqlModel, money: Money): string[] {
  const c = model.cleaning;
  const rules: string[] = [];
  const invalid = ['t_ms IS NULL'];
  if (money.q) invalid.push('qty IS NULL');
  if (money.p) invalid.push('price IS NULL');
  if (money.a) invalid.push('amount IS NULL');
  rules.push(
    `    -- rule invalidRows: date, quantity, price or amount could not be read\n    NOT (${invalid.join(' OR ')})`,
  );
  if (c.dropMissingCustomer)
    rules.push(`    -- rule missingCustomer: empty customer id\n    AND customer_id IS NOT NULL`);
  if (c.cancellations === 'drop')
    rules.push(
      `    -- rule cancellations = drop: cancellation and return lines are removed\n    AND is_cancel = 0`,
    );
  if (c.dropNonProductCodes) {
    const exact: string[] = [];
    const prefixes: string[] = [];
    for (const e of c.nonProductCodes) {
      const t = e.trim().toLowerCase();
      if (t === '') continue;
      if (t.endsWith('*')) prefixes.push(t.slice(0, -1));
      else exact.push(t);
    }
    const tests: string[] = [];
    if (exact.length > 0) tests.push(`LOWER(product) IN (${exact.map((s) => d.text(s)).join(', ')})`);
    for (const pre of prefixes) tests.push(`SUBSTR(LOWER(product), 1, ${pre.length}) = ${d.text(pre)}`);
    if (tests.length > 0)
      rules.push(
        `    -- rule nonProductCodes: stock codes ${c.nonProductCodes.join(', ')} (case-insensitive; * = prefix)\n    AND (product IS NULL OR NOT (${tests.join(' OR ')}))`,
      );
  }
  if (c.dropNonPositivePrice && money.p)
    rules.push(`    -- rule nonPositivePrice: unit price ≤ 0\n    AND price > 0`);
  if (c.dropUnspecifiedCountry)
    rules.push(
      `    -- rule unspecifiedCountry\n    AND (country IS NULL OR LOWER(country) <> 'unspecified')`,
    );
  const { start, end } = c.dateWindow;
  if (start)
    rules.push(`    -- rule dateWindow: from ${start} (inclusive)\n    AND t_ms >= ${dayStart(start)}`);
  if (end) rules.push(`    -- rule dateWindow: before ${end}\n    AND t_ms < ${dayStart(end)}`);
  const ctes = [
    ...cancellationCtes(money),
    `cleaned AS (\n  SELECT * FROM flagged\n  WHERE\n${rules.join('\n')}\n)`,
  ];
  let last = 'cleaned';
  if (c.dropDuplicates) {
    ctes.push(`deduplicated AS (
  -- rule duplicates: exact duplicate lines (all the file's columns equal) after the first
  SELECT DISTINCT * FROM cleaned
)`);
    last = 'deduplicated';
  }
  const qty = money.q ? 'qty' : money.a ? 'amount' : null;
  if (c.dropNegativeNetCustomers && qty) {
    const keys = ['customer_id', 'product', 'price'];
    if (c.negativeNetGroupByCountry === true) keys.push('country');
    ctes.push(`negative_net AS (
  -- rule negativeNetCustomers: customers with a (${keys.join(', ')}) group whose quantity sums below 0
  SELECT DISTINCT customer_id FROM (
    SELECT ${keys.join(', ')}, SUM(${qty}) AS net
    FROM ${last} WHERE customer_id IS NOT NULL
    GROUP BY ${keys.join(', ')}
  ) g WHERE net < 0
)`);
    // An anti-join (negative_net has each customer once, never NULL), not NOT IN (subquery): that
    // is a per-line scan of the list in PostgreSQL once the list outgrows work_mem.
    ctes.push(`kept AS (
  SELECT ${last}.* FROM ${last}
  LEFT JOIN negative_net ON negative_net.customer_id = ${last}.customer_id
  WHERE negative_net.customer_id IS NULL
)`);
  } else {
    ctes.push(`kept AS (SELECT * FROM ${last})`);
  }
  void d;
  return ctes;
}

function rfmCtes(d: Dialect, model: SqlModel, money: Money): string[] {
  const r = model.rfm;
  const a = r.analysisDate;
  const fixed = typeof a === 'object';
  const [analysis, analysisNote] =
    typeof a === 'object'
      ? [String(dayStart(a.date)), `midnight starting ${a.date}`]
      : a === 'lastTime'
        ? ['MAX(t_ms)', 'the time of the latest kept line']
        : [`FLOOR(MAX(t_ms) / ${DAY}) * ${DAY} + ${DAY}`, 'midnight after the day of the latest kept line'];
  const purchase = r.cancellationsArePurchases === true ? '1 = 1' : 'is_cancel = 0';
  const useAmount = r.monetary === 'amount' ? money.a : !money.q || !money.p;
  // No amount and no quantity × price (an R+F model): monetary is 0 and nobody is left out for it.
  const noMoney = !money.a && !(money.q && money.p);
  const mode = r.frequency === 'invoices' && !model.input.columns.invoice ? 'lines' : r.frequency;
  const freq =
    mode === 'lines'
      ? `SUM(CASE WHEN ${purchase} THEN 1 ELSE 0 END)`
      : mode === 'invoices'
        ? `COUNT(DISTINCT CASE WHEN ${purchase} THEN COALESCE(invoice, '') END)`
        : `COUNT(DISTINCT CASE WHEN ${purchase} THEN FLOOR(t_ms / ${DAY}) END)`;
  const exclude =
    r.excludeNonPositiveMonetary && !noMoney
      ? `\n    -- customers with monetary ≤ 0 are left out (≤ ${MONEY_EPS} counts as 0: lines that cancel exactly leave float noise)\n    AND monetary > ${doubleLiteral(MONEY_EPS)}`
      : '';
  return [
    // Exactly one row: rfm CROSS JOINs it. A fixed day is a constant, so it has no FROM (a
    // constant selected FROM kept would be one row per kept line and multiply every customer).
    `analysis AS (
  -- analysis time: ${analysisNote}
  SELECT ${analysis} AS analysis_ms${fixed ? '' : ' FROM kept'}
)`,
    `per_customer AS (
  -- purchases are ${r.cancellationsArePurchases === true ? 'all kept lines' : 'kept lines that are not cancellations or returns (is_cancel)'}
  SELECT customer_id,
    MAX(CASE WHEN ${purchase} THEN t_ms END) AS last_purchase_ms,
    -- frequency = ${mode === 'lines' ? 'purchase lines' : mode === 'invoices' ? 'distinct invoices among purchases' : 'distinct days with a purchase'}
    ${freq} AS frequency,
    ${
      noMoney
        ? `-- monetary = 0: the file has no money column (the model leaves monetary out)
    CAST(0 AS ${d.double}) AS monetary`
        : `-- monetary = ${useAmount ? 'sum of amount' : 'sum of quantity × unit price'} over all the customer's kept lines (cancellations net it)
    SUM(${useAmount ? 'amount' : 'qty * price'}) AS monetary`
    }
  FROM kept
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
)`,
    `rfm AS (
  -- recency = whole days from the latest purchase to the analysis time (floor)
  SELECT customer_id,
    CAST(FLOOR((analysis_ms - last_purchase_ms) / ${DAY}) AS ${d.bigint}) AS recency,
    CAST(frequency AS ${d.bigint}) AS frequency,
    monetary
  FROM per_customer CROSS JOIN analysis
  WHERE last_purchase_ms IS NOT NULL${exclude}
)`,
  ];
}
