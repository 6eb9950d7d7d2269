/**
 * The current segmentation (the stored sweep at the chosen k) with its profiles and names, shared by
 * the Segments and Export cells. Profiles are cached per KMeansResult, so both cells and re-renders
 * reuse one computation.
 */
import { computeProfiles, type ProfilesResult } from '../../core/segments/profiles';
import { suggestNames } from '../../core/segments/describe';
import type { KMeansResult } from '../../core/kmeans/types';
import type { SweepPoint } from '../../core/sweep/types';
import type { SweepState } from '../model-slice';
import { useNotebook } from '../store';
import { useMemo } from 'react';

export interface Segmentation {
  readonly sweep: SweepState;
  readonly k: number;
  readonly point: SweepPoint;
  readonly profiles: ProfilesResult;
  /** Suggested names by 0-based cluster (de-duplicated). */
  readonly suggestedNames: readonly string[];
  /** Names used in charts and exports: the user's when typed, else the suggestion. */
  readonly names: readonly string[];
  /** Names as typed by the user ('' = none). */
  readonly userNames: readonly string[];
  readonly centroidsOriginal: Float64Array | null;
}

const cache = new WeakMap<KMeansResult, ProfilesResult>();

export function profilesFor(sweep: SweepState, point: SweepPoint): ProfilesResult {
  let p = cache.get(point.result);
  if (!p) {
    p = computeProfiles(
      sweep.rfm,
      point.result.labels,
      point.k,
      point.result.centroids,
      sweep.centroidsOriginal.get(point.k) ?? null,
      sweep.features,
    );
    cache.set(point.result, p);
  }
  return p;
}

const NO_NAMES: readonly string[] = [];

export function useSegmentation(): Segmentation | null {
  const sweep = useNotebook((s) => s.sweep);
  const k = useNotebook((s) => s.k);
  const typed = useNotebook((s) => (s.k !== null ? s.clusterNames[s.k] : undefined)) ?? NO_NAMES;
  return useMemo(() => {
    if (!sweep || k === null) return null;
    const point = sweep.result.points.find((p) => p.k === k);
    if (!point) return null;
    const profiles = profilesFor(sweep, point);
    const suggestedNames = suggestNames(profiles.segments.map((s) => s.description));
    const userNames = suggestedNames.map((_, c) => typed[c] ?? '');
    const names = suggestedNames.map((sn, c) => {
      const t = (typed[c] ?? '').trim();
      return t !== '' ? t : sn;
    });
    return {
      sweep,
      k,
      point,
      profiles,
      suggestedNames,
      names,
      userNames,
      centroidsOriginal: sweep.centroidsOriginal.get(k) ?? null,
    };
  }, [sweep, k, typed]);
}
