/**
 * The state and operations of one data worker: the loaded RawTable, the typed transactions under the
 * current mapping, and the current cleaning mask. Plain functions over plain data; the worker entry
 * only routes messages here.
 */
import type { CleaningReport, CleaningSettings } from '../../core/clean/types';
import type {
  DateOrder,
  Mapping,
  RawTable,
  TableKind,
  TablePreview,
  Transactions,
} from '../../core/ingest/types';
import type { RfmSettings, RfmTable } from '../../core/rfm/types';
import { UserFacingError } from '../../core/errors';
import { guessMapping, missingRoles } from '../../core/ingest/roles';
import { buildTransactions } from '../../core/ingest/transactions';
import { formatTime, guessDateOrder } from '../../core/ingest/dates';
import { checkMapping } from '../../core/ingest/plausibility';
import { titleLines } from '../../core/ingest/title-rows';
import { statusEvidence } from '../../core/clean/status-column';
import { readSummary } from '../../core/rfm/summary';
import { rawRows } from '../../core/ingest/table-parts';
import { describeModelInput } from '../../core/segments/model-input';
import { DEFAULT_CLEANING, cleanTransactions } from '../../core/clean/clean';
import { computeRfm, rfmFromTable } from '../../core/rfm/rfm';
import { rfmAtDay } from '../../core/model/replay';
import { ModelError } from '../../core/model/errors';
import { findOutliers, profileColumns, transactionsAtAGlance } from '../../core/profile';
import type { ColumnProfile, Glance, OutlierReport } from '../../core/profile';
import { loadFile } from './load-file';
import type { LoadProgress, LoadResult, MappingResult } from './protocol';

const PREVIEW_ROWS = 20;

export class DataService {
  private raw: RawTable | null = null;
  private kind: TableKind = 'transactions';
  private mapping: Mapping | null = null;
  private tx: Transactions | null = null;
  private keep: Uint8Array | null = null;
  /** Computed on first request, dropped when the table (profile) or the transactions change. */
  private profileCache: ColumnProfile[] | null = null;
  private glanceCache: Glance | null = null;
  private outlierCache: OutlierReport | null = null;

  /** `choice`: an encoding instead of the detected one, a workbook's sheet, title lines to skip. */
  async load(
    file: Blob,
    fileName: string,
    choice: {
      readonly encoding?: string | undefined;
      readonly sheet?: string | undefined;
      readonly skipLines?: number | undefined;
    } = {},
    onProgress: (p: LoadProgress) => void = () => undefined,
    isCancelled: () => boolean = () => false,
  ): Promise<LoadResult> {
    const t0 = performance.now();
    const { encoding, sheet, skipLines } = choice;
    const loaded = await loadFile(file, fileName, {
      onProgress,
      isCancelled,
      ...(encoding === undefined ? {} : { encoding }),
      ...(sheet === undefined ? {} : { sheet }),
      ...(skipLines ? { skipLines } : {}),
    });
    const { table, preview } = loaded;
    const guess = guessMapping(table);
    this.raw = table;
    this.tx = null;
    this.keep = null;
    this.mapping = null;
    this.profileCache = null;
    this.dropTxCaches();
    return {
      fileName,
      byteLength: table.byteLength,
      rowCount: table.rowCount,
      delimiter: table.delimiter,
      encoding: table.encoding,
      headers: table.columns.map((c) => c.name),
      preview,
      guess,
      ragged: table.ragged,
      titleLines: skipLines ? 0 : titleLines(preview),
      skippedLines: skipLines ?? 0,
      parseMs: performance.now() - t0,
      ...(loaded.sheets !== undefined && loaded.sheet !== undefined
        ? { sheets: loaded.sheets, sheet: loaded.sheet }
        : {}),
    };
  }

  private requireRaw(): RawTable {
    if (!this.raw) throw new UserFacingError({ code: 'no-data' });
    return this.raw;
  }

  applyMapping(mapping: Mapping, dateOrder: DateOrder | null): MappingResult {
    const raw = this.requireRaw();
    for (const j of Object.values(mapping)) {
      if (j === undefined || j < 0 || j >= raw.columns.length)
        throw new UserFacingError({ code: 'bad-mapping', column: j, fileName: raw.fileName });
    }
    const kind: TableKind =
      mapping.date === undefined &&
      mapping.recency !== undefined &&
      mapping.frequency !== undefined &&
      mapping.monetary !== undefined
        ? 'rfm'
        : 'transactions';
    const missing = missingRoles(kind, mapping);
    if (missing.length > 0) {
      throw new UserFacingError({
        code: 'missing-roles',
        need: 'roles',
        roles: missing,
        fileName: raw.fileName,
      });
    }
    this.kind = kind;
    this.mapping = mapping;
    this.keep = null;
    this.dropTxCaches();
    const headers = raw.columns.map((c) => c.name);
    if (kind === 'rfm') {
      this.tx = null;
      const summary = readSummary(raw, mapping);
      const problems = summary.problems;
      // Recency read from last-purchase dates shows as days in the typed preview.
      const typed = new Map<number, Float64Array>([
        [mapping.recency!, summary.recency],
        [mapping.frequency!, summary.frequency],
        [mapping.monetary!, summary.monetary],
      ]);
      const idCol = mapping.customer === undefined ? undefined : raw.columns[mapping.customer];
      const n = Math.min(PREVIEW_ROWS, raw.rowCount);
      const text = rawRows(
        raw,
        Array.from({ length: n }, (_, i) => i),
      ).rows;
      return {
        kind,
        rowCount: raw.rowCount,
        customers: idCol ? idCol.dict.length : raw.rowCount,
        invoices: 0,
        firstTime: null,
        lastTime: null,
        dateOrder: null,
        problems,
        checks: checkMapping(raw, kind, mapping, null),
        typedPreview: {
          headers,
          rows: text.map((r, i) => r.map((s, j) => (typed.has(j) ? fmtNum(typed.get(j)![i]!) : s))),
        },
        input: describeModelInput(raw, mapping, null, 'rfm'),
      };
    }
    const tx = buildTransactions(raw, mapping, dateOrder);
    this.tx = tx;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < tx.rowCount; i++) {
      const t = tx.time[i]!;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    const n = Math.min(PREVIEW_ROWS, raw.rowCount);
    const text = rawRows(
      raw,
      Array.from({ length: n }, (_, i) => i),
    ).rows;
    const typedCol = new Map<number, (i: number) => string>();
    if (mapping.date !== undefined)
      typedCol.set(mapping.date, (i) => formatTime(tx.time[i]!) || '(unreadable)');
    const numCols = [
      [mapping.quantity, tx.quantity],
      [mapping.price, tx.price],
      [mapping.amount, tx.amount],
    ] as const;
    for (const [j, arr] of numCols) if (j !== undefined && arr) typedCol.set(j, (i) => fmtNum(arr[i]!));
    const order =
      mapping.date === undefined
        ? null
        : (dateOrder ?? guessDateOrder(raw.columns[mapping.date]!.dict).order ?? 'ISO');
    return {
      kind,
      rowCount: tx.rowCount,
      customers: tx.customers.length,
      invoices: tx.invoices.length,
      firstTime: Number.isFinite(first) ? first : null,
      lastTime: Number.isFinite(last) ? last : null,
      dateOrder: order,
      problems: tx.problems,
      checks: checkMapping(raw, kind, mapping, order),
      typedPreview: { headers, rows: text.map((r, i) => r.map((s, j) => typedCol.get(j)?.(i) ?? s)) },
      input: describeModelInput(raw, mapping, dateOrder, 'transactions'),
      statusColumn: statusEvidence(raw, mapping),
    };
  }

  private requireMapped(): void {
    this.requireRaw();
    if (!this.mapping) throw new UserFacingError({ code: 'no-mapping' });
  }

  clean(settings: CleaningSettings): CleaningReport {
    this.requireMapped();
    if (this.kind === 'rfm' || !this.tx) {
      const n = this.raw!.rowCount;
      return { rowsIn: n, customersIn: n, rowsKept: n, customersKept: n, steps: [] };
    }
    // The 'outliers' rule flags lines of the UNCLEANED transactions (the report the Glance cell lists).
    const { keep, report } = cleanTransactions(
      this.tx,
      settings,
      settings.dropOutliers ? this.outliers() : undefined,
    );
    this.keep = keep;
    if (report.rowsKept === 0) {
      throw new UserFacingError({ code: 'nothing-kept', fileName: this.raw!.fileName });
    }
    return report;
  }

  computeRfm(settings: RfmSettings): RfmTable {
    this.requireMapped();
    const raw = this.raw!;
    let table: RfmTable;
    if (this.kind === 'rfm' || !this.tx) {
      table = rfmFromTable(raw, this.mapping!, {
        excludeNonPositiveMonetary: settings.excludeNonPositiveMonetary,
      });
    } else {
      if (!this.keep) this.keep = cleanTransactions(this.tx, DEFAULT_CLEANING).keep;
      table = computeRfm(this.tx, this.keep, settings);
    }
    if (table.customerIds.length === 0) {
      throw new UserFacingError({ code: 'no-customers', fileName: raw.fileName });
    }
    return table;
  }

  /** RFM at the start of `day` from the kept lines before it (transactions only; see core/model/replay). */
  rfmAtDay(settings: RfmSettings, day: string): RfmTable {
    this.requireMapped();
    if (this.kind === 'rfm' || !this.tx) {
      throw new UserFacingError({ code: 'rfm-table-no-dates' });
    }
    if (!this.keep) this.keep = cleanTransactions(this.tx, DEFAULT_CLEANING).keep;
    try {
      return rfmAtDay(this.tx, this.keep, settings, day);
    } catch (e) {
      // crosses the worker boundary as a UserFacingError (code + facts)
      if (e instanceof ModelError)
        throw new UserFacingError({ code: 'before-day-invalid', detail: e.message });
      throw e;
    }
  }

  private dropTxCaches(): void {
    this.glanceCache = null;
    this.outlierCache = null;
  }

  /** The column profile of the loaded table (all columns, as text read by type; see src/core/profile). */
  profile(): ColumnProfile[] {
    this.profileCache ??= profileColumns(this.requireRaw());
    return this.profileCache;
  }

  private requireTransactions(wanted: 'overview' | 'outliers'): Transactions {
    this.requireMapped();
    if (this.kind === 'rfm' || !this.tx) {
      throw new UserFacingError({ code: 'not-transactions', fileName: this.raw!.fileName, wanted });
    }
    return this.tx;
  }

  /** Rows, revenue, cancellations… per month and top countries/products of the mapped transactions. */
  glance(): Glance {
    this.glanceCache ??= transactionsAtAGlance(this.requireTransactions('overview'));
    return this.glanceCache;
  }

  /** Extreme lines of the mapped transactions before any cleaning (findOutliers' default rule). */
  outliers(): OutlierReport {
    this.outlierCache ??= findOutliers(this.requireTransactions('outliers'));
    return this.outlierCache;
  }

  rows(rowNumbers: readonly number[]): TablePreview {
    return rawRows(
      this.requireRaw(),
      rowNumbers.map((r) => r - 2),
    );
  }
}

/** A number as read, without binary float noise (358.55999999999995 → 358.56; 12 significant digits). */
function fmtNum(v: number): string {
  return Number.isNaN(v) ? '(unreadable)' : String(Number(v.toPrecision(12)));
}
