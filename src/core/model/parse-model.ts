/**
 * Reads a saved model JSON (text or an already parsed value) into a validated SavedModel, or throws a
 * ModelError naming the field. Reads formatVersion 1 (no training summary: drift unavailable) and 2.
 */
import { MODEL_FORMAT } from '../segments/model-json';
import { savedRfmScoresProblem, type SavedRfmScores } from '../rfm-scores/saved';
import { ROLES, type Role } from '../ingest/types';
import { ModelError } from './errors';
import { isObj, jsonInput } from './json-input';
import {
  MODEL_FEATURES,
  SUMMARY_QUANTILE_PROBS,
  isFeatureSet,
  modelIdOf,
  type FeatureSummary,
  type ModelFeature,
  type SavedModel,
  type SegmentSummary,
  type TrainingSummary,
} from './model-types';

/** The formatVersions this reader understands. */
export const READABLE_MODEL_VERSIONS: readonly number[] = [1, 2];

type Obj = Record<string, unknown>;

function field(o: Obj, key: string, path: string): unknown {
  const v = o[key];
  if (v === undefined)
    throw new ModelError('model-missing-field', join(path, key), `${join(path, key)} is missing`);
  return v;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new ModelError('model-wrong-type', path, `${path} should be an object`);
  return v;
}

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' && v !== null)
    throw new ModelError('model-wrong-type', path, `${path} should be a number`);
  if (v === null || !Number.isFinite(v))
    throw new ModelError('model-non-finite', path, `${path} is not finite`);
  return v;
}

function numbers(v: unknown, path: string, length: number | null): number[] {
  if (!Array.isArray(v))
    throw new ModelError('model-wrong-type', path, `${path} should be a list of numbers`);
  if (length !== null && v.length !== length)
    throw new ModelError('model-wrong-shape', path, `${path} has ${v.length} values, expected ${length}`);
  return v.map((x, i) => finite(x, join(path, i)));
}

function text(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ModelError('model-wrong-type', path, `${path} should be text`);
  return v;
}

function optionalText(o: Obj, key: string, path: string): string | null {
  const v = o[key];
  return v === undefined || v === null ? null : text(v, join(path, key));
}

function count(v: unknown, path: string): number {
  const n = finite(v, path);
  if (!Number.isInteger(n) || n < 0)
    throw new ModelError('model-bad-value', path, `${path} should be a count`);
  return n;
}

/** A centroid's value per model feature (`features` order). */
function centre(v: unknown, path: string, features: readonly ModelFeature[]): number[] {
  const o = obj(v, path);
  return features.map((f) => finite(field(o, f, path), join(path, f)));
}

/** Centroids in original units: null when absent or when any value is not finite (it is display only). */
function originalCentre(v: unknown, features: readonly ModelFeature[]): number[] | null {
  if (!isObj(v)) return null;
  const t = features.map((f) => v[f]);
  return t.every((x): x is number => typeof x === 'number' && Number.isFinite(x)) ? t : null;
}

function readFeatureSummary(v: unknown, path: string): FeatureSummary {
  const o = obj(v, path);
  const quantiles = numbers(
    field(o, 'quantiles', path),
    join(path, 'quantiles'),
    SUMMARY_QUANTILE_PROBS.length,
  );
  const min = finite(field(o, 'min', path), join(path, 'min'));
  const max = finite(field(o, 'max', path), join(path, 'max'));
  const edges = numbers(field(o, 'edges', path), join(path, 'edges'), null);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i]! > edges[i - 1]!))
      throw new ModelError(
        'model-bad-value',
        join(path, 'edges'),
        `${path}.edges should be strictly increasing`,
      );
  }
  const countsPath = join(path, 'counts');
  const counts = numbers(field(o, 'counts', path), countsPath, edges.length + 1).map((c, i) =>
    count(c, join(countsPath, i)),
  );
  if (min > max)
    throw new ModelError('model-bad-value', join(path, 'min'), `${path}.min is above ${path}.max`);
  return { quantiles, min, max, edges, counts };
}

function readTraining(v: unknown, k: number): TrainingSummary {
  const path = 'training';
  const o = obj(v, path);
  const customers = count(field(o, 'customers', path), 'training.customers');
  const fo = obj(field(o, 'features', path), 'training.features');
  const features = {} as Record<ModelFeature, FeatureSummary>;
  for (const f of MODEL_FEATURES)
    features[f] = readFeatureSummary(field(fo, f, 'training.features'), `training.features.${f}`);
  const segs = field(o, 'segments', path);
  if (!Array.isArray(segs) || segs.length !== k)
    throw new ModelError(
      'model-wrong-shape',
      'training.segments',
      `training.segments should list ${k} segments`,
    );
  const segments: SegmentSummary[] = segs.map((s, c) => {
    const p = `training.segments[${c}]`;
    const so = obj(s, p);
    const size = count(field(so, 'size', p), `${p}.size`);
    const raw = so.distanceP99;
    // null: the segment had no training customer
    const distanceP99 = raw === null && size === 0 ? Number.NaN : finite(raw, `${p}.distanceP99`);
    return { size, distanceP99 };
  });
  return { customers, features, segments };
}

/** Parses and validates a model JSON. @throws ModelError with the field's path. */
export function parseModelJson(input: unknown): SavedModel {
  const value = jsonInput(input, 'model-not-json');
  if (!isObj(value)) throw new ModelError('model-not-object', '', 'the JSON is not an object');
  if (value.format !== MODEL_FORMAT)
    throw new ModelError('model-format', 'format', `format is ${JSON.stringify(value.format) ?? 'missing'}`);
  const version = value.formatVersion;
  if (typeof version !== 'number' || !READABLE_MODEL_VERSIONS.includes(version))
    throw new ModelError(
      'model-format-version',
      'formatVersion',
      `formatVersion ${String(version)} is not readable`,
    );
  // Absent (models written before a feature could be left out): all three.
  const features: readonly ModelFeature[] =
    value.features === undefined ? MODEL_FEATURES : (value.features as never);
  if (!isFeatureSet(features))
    throw new ModelError(
      'model-bad-value',
      'features',
      'features should list two or three of "recency", "frequency", "monetary", in that order',
    );
  const d = features.length;
  const transform = obj(field(value, 'transform', ''), 'transform');
  if (transform.method !== undefined && transform.method !== 'yeo-johnson')
    throw new ModelError(
      'model-bad-value',
      'transform.method',
      'only the yeo-johnson transform can be applied',
    );
  if (transform.standardize === false)
    throw new ModelError('model-bad-value', 'transform.standardize', 'the model must be standardised');
  const lambdas = numbers(field(transform, 'lambdas', 'transform'), 'transform.lambdas', d);
  const means = numbers(field(transform, 'means', 'transform'), 'transform.means', d);
  const scales = numbers(field(transform, 'scales', 'transform'), 'transform.scales', d);
  scales.forEach((s, j) => {
    if (!(s > 0))
      throw new ModelError('model-bad-value', `transform.scales[${j}]`, 'scales must be positive');
  });
  const clusters = field(value, 'clusters', '');
  if (!Array.isArray(clusters) || clusters.length === 0)
    throw new ModelError('model-wrong-shape', 'clusters', 'clusters should be a non-empty list');
  const k = clusters.length;
  const kmeans = value.kmeans;
  if (isObj(kmeans) && kmeans.k !== undefined && kmeans.k !== k)
    throw new ModelError(
      'model-wrong-shape',
      'kmeans.k',
      `kmeans.k is ${String(kmeans.k)} but there are ${k} clusters`,
    );
  const centroids = new Float64Array(k * d);
  const original = new Float64Array(k * d);
  let hasOriginal = true;
  const names: string[] = [];
  const descriptions: string[] = [];
  const sizes: number[] = [];
  clusters.forEach((c, i) => {
    const p = `clusters[${i}]`;
    const co = obj(c, p);
    centroids.set(centre(field(co, 'centroidStandardised', p), `${p}.centroidStandardised`, features), i * d);
    const orig = originalCentre(co.centroidOriginal, features);
    if (orig) original.set(orig, i * d);
    else hasOriginal = false;
    names.push(optionalText(co, 'name', p) ?? '');
    descriptions.push(optionalText(co, 'description', p) ?? '');
    sizes.push(co.size === undefined ? 0 : count(co.size, `${p}.size`));
  });
  const dataset = isObj(value.dataset) ? value.dataset : {};
  const customers = dataset.customers;
  return {
    id: modelIdOf(lambdas, means, scales, centroids),
    formatVersion: version,
    appVersion: optionalText(value, 'appVersion', ''),
    createdAt: optionalText(value, 'createdAt', ''),
    datasetName: optionalText(dataset, 'name', 'dataset'),
    trainingCustomers: typeof customers === 'number' && Number.isFinite(customers) ? customers : null,
    features,
    cleaning: value.cleaning ?? null,
    rfm: value.rfm ?? null,
    k,
    lambdas: Float64Array.from(lambdas),
    means: Float64Array.from(means),
    scales: Float64Array.from(scales),
    centroids,
    centroidsOriginal: hasOriginal ? original : null,
    names,
    descriptions,
    sizes,
    training:
      version >= 2 && value.training !== undefined && value.training !== null
        ? readTraining(value.training, k)
        : null,
    rfmScores: readRfmScores(value.rfmScores),
    trainingColumns: readTrainingColumns(value.input),
  };
}

/** `input.columns` (role → header): only string values of known roles are kept; anything else → null. */
function readTrainingColumns(input: unknown): Partial<Record<Role, string>> | null {
  if (!isObj(input) || !isObj(input.columns)) return null;
  const out: Partial<Record<Role, string>> = {};
  for (const [role, header] of Object.entries(input.columns))
    if (ROLES.includes(role as Role) && typeof header === 'string') out[role as Role] = header;
  return out;
}

/** The optional `rfmScores` field: absent or null → null; present but unusable → a ModelError. */
function readRfmScores(v: unknown): SavedRfmScores | null {
  if (v === undefined || v === null) return null;
  const problem = savedRfmScoresProblem(v);
  if (problem === null) return v as SavedRfmScores;
  throw new ModelError(
    'model-bad-value',
    problem.field,
    problem.field === 'rfmScores'
      ? 'rfmScores should hold break values for recency, frequency and monetary and a list of rules'
      : `${problem.field} should have a name and r, f, m ranges (min ≤ max)`,
  );
}
