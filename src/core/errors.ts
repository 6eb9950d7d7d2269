/**
 * Errors as codes with facts: the core, the workers and the store throw `UserFacingError` carrying a
 * code and the facts a sentence needs (file, row, column, counts), never the sentence itself. One
 * message module (src/messages/errors.ts) turns code + facts into the sentence at the UI / CLI edge.
 *
 * Add a code: one entry in `ErrorFacts`; the message module's table then fails to compile until it
 * has the sentence (and its test, an example).
 */

import type { Role } from './ingest/types';

/** Facts that name a file, when the code's sentence names one. */
interface InFile {
  readonly fileName: string;
}

/** Workbook errors: `fileName` when known; `notText` when the file was named like a text file. */
interface Workbook {
  readonly fileName?: string;
  readonly notText?: boolean;
}

/** A code whose sentence needs no facts. */
type NoFacts = object;

/** Every code and its facts. */
export interface ErrorFacts {
  // ── loading a file (src/workers/data, src/workers/xlsx, src/core/xlsx)
  'empty-file': InFile & { readonly why: 'zero-bytes' | 'after-gunzip' | 'no-text' };
  'bad-gzip': InFile & { readonly why: 'not-gzip' | 'truncated' };
  'binary-file': InFile & { readonly why: 'binary' | 'nul' };
  'bad-encoding': InFile & { readonly encoding: string };
  /** `sheet`: a workbook's sheet; `otherSheets` the ones to choose instead. */
  'header-only': InFile & { readonly sheet?: string; readonly otherSheets?: readonly string[] };
  'no-usable-columns': InFile & {
    readonly column: string;
    readonly sheet?: string;
    readonly otherSheets?: readonly string[];
  };
  'xlsx-old-format': Workbook;
  'xlsx-not-workbook': Workbook & { readonly why: 'not-xlsx' | 'no-workbook-xml' };
  'xlsx-encrypted': Workbook;
  'xlsx-binary': Workbook;
  'xlsx-ods': Workbook;
  'xlsx-corrupt': Workbook &
    (
      | { readonly why: 'zip-method'; readonly method: number }
      | { readonly why: 'zip-structure'; readonly detail: string }
      | { readonly why: 'damaged-part'; readonly part: string; readonly detail: string }
      | { readonly why: 'missing-sheet'; readonly sheet: string; readonly part: string }
      | {
          readonly why: 'damaged-sheet';
          readonly sheet: string;
          readonly offset: number;
          readonly length: number;
          readonly detail: string;
        }
    );
  /** `want`: the sheet asked for (with the workbook's `sheets`); absent: the workbook has none. */
  'xlsx-no-sheet': Workbook & { readonly want?: string; readonly sheets?: readonly string[] };
  'xlsx-empty-sheet': Workbook & { readonly sheet: string; readonly sheets: readonly string[] };
  // ── the data worker's steps
  'no-data': NoFacts;
  'bad-mapping': InFile & { readonly column: number };
  'missing-roles':
    | (InFile & { readonly need: 'roles'; readonly roles: readonly string[] })
    | { readonly need: 'money' }
    | { readonly need: 'rfm-columns' };
  'no-mapping': NoFacts;
  'nothing-kept': InFile;
  'no-customers': InFile;
  'rfm-table-no-dates': NoFacts;
  /** The model core's detail on a second analysis date (the apply step wraps it in its sentence). */
  'before-day-invalid': { readonly detail: string };
  'not-transactions': InFile & { readonly wanted: 'overview' | 'outliers' };
  'worker-crashed': { readonly detail?: string };
  // ── model steps (src/core/transform, src/core/kmeans, src/core/sweep, the engine worker)
  'power-non-finite': { readonly column: string; readonly customer: number; readonly value: string };
  'power-overflow':
    | { readonly why: 'value'; readonly column: string; readonly customer: number; readonly value: number }
    | { readonly why: 'lambda'; readonly column: string; readonly lambda: number }
    | { readonly why: 'result'; readonly column: string; readonly customer: number; readonly value: number };
  'power-too-few-rows': { readonly n: number };
  'power-constant-column':
    | { readonly why: 'same'; readonly column: string; readonly value: number }
    | { readonly why: 'spread'; readonly column: string; readonly scale: number; readonly mean: number };
  'power-inverse-domain': { readonly row: number; readonly column: string; readonly value: number };
  'kmeans-bad-k': { readonly k: number };
  'kmeans-k-too-large': { readonly k: number; readonly n: number };
  'kmeans-non-finite': { readonly row: number };
  'sweep-bad-range': { readonly kMin: number; readonly kMax: number; readonly n: number };
  'engine-crashed': { readonly detail: string };
  'transform-failed': { readonly detail: string };
  'sweep-failed': { readonly detail: string };
  'profile-failed': { readonly detail: string };
  'glance-failed': { readonly detail: string };
  // ── the store's checks before a step runs
  /** Roles the mapping lacks; 'no-date': a transactions file without a date (`noMoney`: nor money). */
  'missing-columns': { readonly roles: readonly Role[] };
  'no-date': { readonly roles: readonly Role[]; readonly noMoney: boolean };
  /** A mapping check the user must act on (blocking) or confirm (src/core/ingest/plausibility.ts). */
  'mapping-unusable': NoFacts;
  'needs-confirmation': NoFacts;
  'too-few-customers': { readonly n: number };
  /** `customer`: the id (or `#row`); `notANumber`: NaN, else too large (not finite or beyond 10^15). */
  'rfm-value-unusable': {
    readonly feature: 'recency' | 'frequency' | 'monetary';
    readonly customer: string;
    readonly notANumber: boolean;
  };
  /** A step was cancelled: its results shown are out of date. */
  cancelled: NoFacts;
  /** A saved run is re-opened on its own file: none is open, or another one (by SHA-256). */
  'run-file-not-open': InFile;
  'run-other-file': InFile;
  // ── the store (sample, browser storage)
  'sample-fetch': { readonly status?: number };
  /** `what`: what was being kept ('run' for the run history; else the store's own words). */
  'storage-full': { readonly what: 'run' } | { readonly what: string; readonly bytes?: number };
  'storage-failed': { readonly detail: string };
  /** `session`: said of the session (it will not be restored after a reload). */
  'storage-unavailable': { readonly session?: boolean };
  'runs-storage': { readonly detail: string };
  /** Anything unexpected; `reading`: it happened while the data worker read the data. */
  internal: { readonly detail: string; readonly reading?: boolean };
}

export type ErrorCode = keyof ErrorFacts;

/** Code + facts, one member per code: what crosses a worker boundary and reaches the message module. */
export type AppErrorData = { [C in ErrorCode]: { readonly code: C } & ErrorFacts[C] }[ErrorCode];

/** The data of one code. */
export type ErrorOf<C extends ErrorCode> = Extract<AppErrorData, { code: C }>;

/**
 * An error meant for the user: `code` for programs, `facts` for the sentence the edge writes
 * (src/messages/errors.ts). `message` is only the code (for logs), never shown.
 */
export class UserFacingError extends Error {
  readonly code: ErrorCode;
  readonly facts: AppErrorData;
  constructor(facts: AppErrorData) {
    super(facts.code);
    this.name = 'UserFacingError';
    this.code = facts.code;
    this.facts = facts;
  }
}

/** The code + facts a thrown value carries (a UserFacingError, or one rebuilt from a worker's message). */
export function errorFacts(e: unknown): AppErrorData | null {
  if (typeof e !== 'object' || e === null) return null;
  const facts = (e as { facts?: unknown }).facts;
  if (typeof facts !== 'object' || facts === null) return null;
  return typeof (facts as { code?: unknown }).code === 'string' ? (facts as AppErrorData) : null;
}
