/**
 * The saved session in IndexedDB (the plain browser API, no library). Two records in one object
 * store, so the file's bytes are written once per load and the small settings record as often as the
 * user edits:
 *
 * - key 'file':    { blob, name, source, savedAt } — the original bytes as picked (compressed for
 *                  .gz) or a marker for the built-in sample (which is re-fetched from the app itself);
 * - key 'session': SavedSession without the blob — mapping, date order, cleaning and RFM settings,
 *                  seed, engine override, chosen k, cluster names and a summary of the results
 *                  (customer count, inertia per k) used to verify that a restore reproduced them.
 *
 * Everything stays in this browser profile. Errors reject as `UserFacingError`; a full disk/quota is
 * code 'storage-full' (the caller tells the user, it is never swallowed).
 */
import type { ModelFeature } from '../core/model/model-types';
import type { CleaningSettings } from '../core/clean/types';
import type { DateOrder, Mapping, TableKind } from '../core/ingest/types';
import type { RfmSettings } from '../core/rfm/types';
import { UserFacingError } from '../core/errors';
import type { DataSource, LoadChoice } from './data-slice';
import type { EngineOverride } from './model-slice';
import type { ScoreSettings, SegmentRule } from '../core/rfm-scores';
import type { RulesPreset } from './rfm-scores-slice';
import { hasIndexedDb, idbStore } from './idb';

export const DB_NAME = 'segment-notebook';
const DB_VERSION = 1;
const STORE = 'session';
/** Version of the record layout; a record of another version is ignored (not restored). */
export const SESSION_FORMAT = 1;

/** The file a session was built on. For the sample the bytes are not stored (the app serves them). */
export interface SavedFile {
  readonly name: string;
  readonly source: DataSource;
  /** The bytes as loaded; null for the built-in sample. */
  readonly blob: Blob | null;
  readonly byteLength: number;
  readonly savedAt: number;
}

/** What a restore must reproduce: numbers compared after the replay. */
export interface ResultSummary {
  /** Customers in the RFM table. */
  readonly customers: number | null;
  /** Inertia (sum of squared distances, standardised space) by k, as the sweep found it. */
  readonly inertias: readonly { readonly k: number; readonly inertia: number }[];
}

export interface SavedSettings {
  readonly format: number;
  /** Name of the file the settings belong to (must equal SavedFile.name to restore). */
  readonly fileName: string;
  readonly kind: TableKind;
  readonly mapping: Mapping;
  readonly dateOrder: DateOrder | null;
  /** A forced text encoding or a chosen sheet, to read the file the same way (absent: detected). */
  readonly loadChoice?: LoadChoice;
  readonly cleaningSettings: CleaningSettings;
  readonly rfmSettings: RfmSettings;
  readonly seed: number;
  readonly engineChoice: EngineOverride;
  /** The feature left out of the model (absent in sessions saved before it could be: none). */
  readonly leftOut?: ModelFeature | null;
  readonly k: number | null;
  readonly clusterNames: Readonly<Record<number, readonly string[]>>;
  /** RFM-score settings and named-segment rules (absent in sessions saved before them). */
  readonly rfmScores?: {
    readonly settings: ScoreSettings;
    readonly rules: readonly SegmentRule[];
    readonly preset: RulesPreset;
  };
  readonly summary: ResultSummary;
  readonly savedAt: number;
}

export interface SavedSession {
  readonly file: SavedFile;
  readonly settings: SavedSettings | null;
}

export { hasIndexedDb, removeDatabase } from './idb';

/** Whether a thrown value (DOMException or a transaction's error) means the storage is full. */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = (e as { name?: unknown }).name;
  const code = (e as { code?: unknown }).code;
  // 22 / 1014: legacy codes of QuotaExceededError (Chrome/Safari, Firefox).
  return (
    name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
  );
}

/** Any storage failure as a coded error (`what`: the store's words for what was being kept). */
export function storageError(e: unknown, what: string, bytes?: number): UserFacingError {
  if (e instanceof UserFacingError) return e;
  if (isQuotaError(e)) {
    return new UserFacingError({ code: 'storage-full', what, ...(bytes !== undefined ? { bytes } : {}) });
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new UserFacingError({ code: 'storage-failed', detail });
}

const db = idbStore(DB_NAME, DB_VERSION, STORE);
const tx = db.tx;

/** Saves the file record (replaces the previous one and drops its settings). */
export async function saveFile(file: SavedFile): Promise<void> {
  try {
    await tx('readwrite', (s) => {
      s.delete('session');
      s.put(file, 'file');
    });
  } catch (e) {
    throw storageError(e, 'a copy of the file', file.blob?.size);
  }
}

/** Saves the settings record. */
export async function saveSettings(settings: SavedSettings): Promise<void> {
  try {
    await tx('readwrite', (s) => s.put(settings, 'session'));
  } catch (e) {
    throw storageError(e, 'your settings');
  }
}

/** The saved session, or null when there is none (or it is unreadable / of another format). */
export async function loadSession(): Promise<SavedSession | null> {
  if (!hasIndexedDb()) return null;
  const [file, settings] = await Promise.all([
    tx<unknown>('readonly', (s) => s.get('file')),
    tx<unknown>('readonly', (s) => s.get('session')),
  ]);
  if (!isSavedFile(file)) return null;
  const st = isSavedSettings(settings) && settings.fileName === file.name ? settings : null;
  return { file, settings: st };
}

/** Deletes the whole database (every saved byte of this app in IndexedDB). */
export function deleteDatabase(): Promise<void> {
  return db.deleteDatabase();
}

function isSavedFile(v: unknown): v is SavedFile {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.name === 'string' &&
    (o.source === 'file' || o.source === 'sample') &&
    (o.blob === null || (typeof Blob !== 'undefined' && o.blob instanceof Blob)) &&
    typeof o.savedAt === 'number'
  );
}

function isSavedSettings(v: unknown): v is SavedSettings {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    o.format === SESSION_FORMAT &&
    typeof o.fileName === 'string' &&
    typeof o.mapping === 'object' &&
    typeof o.cleaningSettings === 'object' &&
    typeof o.rfmSettings === 'object' &&
    typeof o.seed === 'number'
  );
}

// ───────────────────────────── apply mode (additive: key 'applied') ─────────────────────────────

/** The applied model, the second analysis date and a previous export, kept across reloads. */
export interface SavedApplied {
  readonly format: 1;
  readonly modelText: string;
  readonly modelFileName: string;
  readonly beforeDay: string | null;
  readonly previous: { readonly fileName: string; readonly text: string } | null;
  readonly savedAt: number;
}

/** Saves (or with null removes) the apply-mode record; independent of the file and settings records. */
export async function saveApplied(rec: SavedApplied | null): Promise<void> {
  try {
    await tx('readwrite', (s) => {
      if (rec === null) s.delete('applied');
      else s.put(rec, 'applied');
    });
  } catch (e) {
    throw storageError(e, 'the applied model', rec?.modelText.length);
  }
}

export async function loadApplied(): Promise<SavedApplied | null> {
  if (!hasIndexedDb()) return null;
  const v = await tx<unknown>('readonly', (s) => s.get('applied'));
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  return o.format === 1 && typeof o.modelText === 'string' && typeof o.modelFileName === 'string'
    ? (o as unknown as SavedApplied)
    : null;
}
