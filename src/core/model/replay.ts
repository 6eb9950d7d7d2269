/**
 * Replaying a saved model's cleaning and RFM settings on a new file, and RFM at a chosen analysis day.
 * The saved settings are merged over the defaults field by field (a field of the wrong type keeps the
 * default and is reported); the saved date window and analysis date belong to the old file, so they are
 * not replayed: the window is open and the analysis date is the new file's default unless one is given.
 */
import { DEFAULT_CLEANING } from '../clean/clean';
import { DAY_MS, dayStart } from '../ingest/dates';
import { DEFAULT_RFM, computeRfm } from '../rfm/rfm';
import type { CleaningSettings } from '../clean/types';
import type { RfmSettings, RfmTable } from '../rfm/types';
import type { Transactions } from '../ingest/types';
import { ModelError } from './errors';
import type { SavedModel } from './model-types';

export interface ReplayedSettings {
  readonly cleaning: CleaningSettings;
  readonly rfm: RfmSettings;
  /** Saved fields not replayed: 'cleaning.dateWindow', 'rfm.analysisDate', or fields of the wrong type. */
  readonly notReplayed: readonly string[];
}

function merge<T extends object>(
  defaults: T,
  saved: unknown,
  prefix: string,
  skip: readonly string[],
  out: string[],
): T {
  const result = { ...defaults } as Record<string, unknown>;
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    if (saved !== null && saved !== undefined) out.push(prefix);
    return result as T;
  }
  for (const [key, value] of Object.entries(saved as Record<string, unknown>)) {
    if (skip.includes(key)) {
      out.push(`${prefix}.${key}`);
      continue;
    }
    const def = (defaults as Record<string, unknown>)[key];
    const sameType =
      def === undefined
        ? typeof value === 'boolean'
        : Array.isArray(def)
          ? Array.isArray(value) && value.every((v) => typeof v === 'string')
          : typeof value === typeof def;
    if (sameType) result[key] = value;
    else out.push(`${prefix}.${key}`);
  }
  return result as T;
}

export function replaySettings(model: SavedModel): ReplayedSettings {
  const notReplayed: string[] = [];
  const cleaning = merge(DEFAULT_CLEANING, model.cleaning, 'cleaning', ['dateWindow'], notReplayed);
  const rfm = merge(DEFAULT_RFM, model.rfm, 'rfm', ['analysisDate'], notReplayed);
  return { cleaning, rfm, notReplayed };
}

/** First and last day ('YYYY-MM-DD') of the kept lines, null when none is kept. */
export function keptDayRange(tx: Transactions, keep: Uint8Array): { first: string; last: string } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < tx.rowCount; i++) {
    if (!keep[i]) continue;
    const t = tx.time[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (min === Infinity) return null;
  const day = (t: number) => new Date(Math.floor(t / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  return { first: day(min), last: day(max) };
}

/**
 * RFM at midnight starting `day` ('YYYY-MM-DD') from the kept lines dated before it; null day: the
 * settings' own analysis date on every kept line. @throws ModelError 'model-bad-value' (path
 * 'analysisDate') when the day is not a date or no kept line is before it.
 */
export function rfmAtDay(
  tx: Transactions,
  keep: Uint8Array,
  settings: RfmSettings,
  day: string | null,
): RfmTable {
  if (day === null) return computeRfm(tx, keep, settings);
  const t = /^\d{4}-\d{2}-\d{2}$/.test(day) ? dayStart(day) : Number.NaN;
  if (!Number.isFinite(t))
    throw new ModelError('model-bad-value', 'analysisDate', `${day} is not a YYYY-MM-DD day`);
  const before = new Uint8Array(keep.length);
  let any = false;
  let last = -Infinity;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const ti = tx.time[i]!;
    if (ti > last) last = ti;
    if (ti < t) {
      before[i] = 1;
      any = true;
    }
  }
  if (!any) throw new ModelError('model-bad-value', 'analysisDate', `no kept line is dated before ${day}`);
  if (t > Math.floor(last / DAY_MS) * DAY_MS + DAY_MS)
    throw new ModelError(
      'model-bad-value',
      'analysisDate',
      `${day} is after the day following the last kept line`,
    );
  return computeRfm(tx, before, { ...settings, analysisDate: { date: day } });
}
