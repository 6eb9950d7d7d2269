/**
 * What differs between two runs: every parameter and metric flattened to a path
 * (`params.cleaning.dropDuplicates`, `metrics.sweep[k=4].silhouette`, `metrics.segmentSizes[2]`)
 * and compared by value. Sweep metrics are matched by k, not by position.
 */
import type { RunRecord } from './run-record';

export type Flat = Map<string, string | number | boolean | null>;

export function flatten(value: unknown, prefix: string, out: Flat = new Map()): Flat {
  if (value === null || value === undefined) out.set(prefix, null);
  else if (Array.isArray(value)) {
    const byK = value.length > 0 && value.every((v) => typeof (v as { k?: unknown } | null)?.k === 'number');
    value.forEach((v, i) =>
      flatten(v, byK ? `${prefix}[k=${(v as { k: number }).k}]` : `${prefix}[${i}]`, out),
    );
  } else if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      flatten(v, prefix === '' ? key : `${prefix}.${key}`, out);
  } else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    out.set(prefix, value);
  else out.set(prefix, String(value));
  return out;
}

export interface RunDifference {
  readonly path: string;
  readonly a: string | number | boolean | null | undefined;
  readonly b: string | number | boolean | null | undefined;
}

/** The fields compared: what the run used and what it measured (not ids, times or durations). */
function comparable(r: RunRecord): Flat {
  const out: Flat = new Map();
  flatten(r.input, 'input', out);
  flatten(r.params, 'params', out);
  flatten(r.metrics, 'metrics', out);
  out.set('appVersion', r.appVersion);
  return out;
}

/** Paths whose values differ (missing on one side counts), in the order of run A then B. */
export function diffRuns(a: RunRecord, b: RunRecord): RunDifference[] {
  const fa = comparable(a);
  const fb = comparable(b);
  const keys = [...fa.keys(), ...[...fb.keys()].filter((k) => !fa.has(k))];
  const out: RunDifference[] = [];
  for (const path of keys) {
    const va = fa.get(path);
    const vb = fb.get(path);
    if (va !== vb) out.push({ path, a: va, b: vb });
  }
  return out;
}
