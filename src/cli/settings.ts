/**
 * `--settings FILE`: the cleaning and RFM definition (and seed) of a model.json exported by the
 * browser or the CLI, or a plain `{"cleaning": {...}, "rfm": {...}, "seed": 42}` file. Missing keys
 * take the app's defaults; a key of the wrong type is an error naming it.
 */
import {
  DEFAULT_RULES,
  DEFAULT_SCORE_SETTINGS,
  savedRfmScoresProblem,
  savedScoreSettings,
  type SavedRfmScores,
  type ScoreSettings,
  type SegmentRule,
} from '../core/rfm-scores';
import { DEFAULT_CLEANING } from '../core/clean/clean';
import { DEFAULT_RFM, REFERENCE_PRESET } from '../core/rfm/rfm';
import type { CleaningSettings } from '../core/clean/types';
import type { RfmSettings } from '../core/rfm/types';
import { CliError, EXIT } from './exit-codes';
import { isFeatureSet, leftOutOf, type ModelFeature } from '../core/model/model-types';

export interface LoadedSettings {
  readonly cleaning: CleaningSettings;
  readonly rfm: RfmSettings;
  readonly seed: number | null;
  /** RFM-score settings and rules (the browser's defaults unless a settings model.json has its own). */
  readonly scores: { readonly settings: ScoreSettings; readonly rules: readonly SegmentRule[] };
  /** The feature a settings model.json left out (its `features` field), or null: none. */
  readonly leftOut?: ModelFeature | null;
}

/** The feature a model's `features` list leaves out (absent: none). */
function leftOutIn(v: unknown, origin: string): ModelFeature | null {
  if (v === undefined || v === null) return null;
  if (!isFeatureSet(v))
    throw bad(origin, '"features" should list two or three of recency, frequency, monetary, in that order.');
  return leftOutOf(v);
}

const DEFAULT_SCORES = { settings: DEFAULT_SCORE_SETTINGS, rules: DEFAULT_RULES };

/** The score settings a model's `rfmScores` field was made with (custom cuts kept), and its rules. */
function scoresOf(v: unknown, origin: string): LoadedSettings['scores'] {
  if (v === undefined || v === null) return DEFAULT_SCORES;
  const problem = savedRfmScoresProblem(v);
  if (problem === null) return savedScoreSettings(v as SavedRfmScores);
  throw bad(
    origin,
    problem.field === 'rfmScores'
      ? '"rfmScores" should hold break values for recency, frequency and monetary and rules.'
      : `"${problem.field}" should have a name and r, f, m ranges (min ≤ max).`,
  );
}

function bad(origin: string, what: string): CliError {
  return new CliError('bad-settings', `${origin}: ${what}`, EXIT.model);
}

function merge<T extends object>(defaults: T, given: unknown, origin: string, section: string): T {
  if (given === undefined || given === null) return defaults;
  if (typeof given !== 'object' || Array.isArray(given)) throw bad(origin, `"${section}" must be an object.`);
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given)) {
    const d = (defaults as Record<string, unknown>)[key];
    if (d !== undefined && d !== null && value !== null && typeof d !== typeof value)
      throw bad(origin, `"${section}.${key}" must be a ${typeof d} (it is ${JSON.stringify(value)}).`);
    out[key] = value;
  }
  return out as T;
}

export function settingsFromJson(text: string, origin: string): LoadedSettings {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw bad(origin, `not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad(origin, 'expected a JSON object.');
  const o = v as {
    cleaning?: unknown;
    rfm?: unknown;
    seed?: unknown;
    kmeans?: { seed?: unknown };
    rfmScores?: unknown;
    features?: unknown;
  };
  const seed = o.seed ?? o.kmeans?.seed ?? null;
  if (seed !== null && !(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) <= 0xffffffff))
    throw bad(origin, `"seed" must be an integer 0..4294967295 (it is ${JSON.stringify(seed)}).`);
  const cleaning = merge(DEFAULT_CLEANING, o.cleaning, origin, 'cleaning');
  const rfm = merge(DEFAULT_RFM, o.rfm, origin, 'rfm');
  for (const [key, allowed] of [['cancellations', ['net', 'drop']]] as const)
    if (!allowed.includes(cleaning[key] as never))
      throw bad(origin, `"cleaning.${key}" must be one of ${allowed.join(', ')}.`);
  if (!['invoices', 'lines', 'days'].includes(rfm.frequency))
    throw bad(origin, '"rfm.frequency" must be one of invoices, lines, days.');
  if (!['quantityTimesPrice', 'amount'].includes(rfm.monetary))
    throw bad(origin, '"rfm.monetary" must be quantityTimesPrice or amount.');
  return {
    cleaning,
    rfm,
    seed: seed as number | null,
    scores: scoresOf(o.rfmScores, origin),
    leftOut: leftOutIn(o.features, origin),
  };
}

export const PRESETS: Record<string, LoadedSettings> = {
  default: { cleaning: DEFAULT_CLEANING, rfm: DEFAULT_RFM, seed: null, scores: DEFAULT_SCORES },
  reference: {
    cleaning: REFERENCE_PRESET.cleaning,
    rfm: REFERENCE_PRESET.rfm,
    seed: null,
    scores: DEFAULT_SCORES,
  },
};
