import type { ColumnProfile, Glance, OutlierReport } from '../core/profile/profile-types';
import type { StepError, StepStatus } from '../core/step';
import type { SliceCreator } from './slice';

/**
 * State of the data-profile views: the column profile (computed on the parsed file, before any
 * mapping), transactions at a glance and the extreme lines (computed on the mapped, uncleaned
 * transactions), and the pair-plot display options. Results are only replaced by a newer success;
 * while recomputing the older ones stay visible with status 'running'.
 */
export interface ProfileSlice {
  // ── column profile (follows the data slice's loadResult) ──
  readonly profileStatus: StepStatus;
  readonly profileError: StepError | null;
  readonly columnProfile: readonly ColumnProfile[] | null;
  /** File the profile describes (the datasetName at the time). */
  readonly profileSource: string | null;
  /** Wall time from request to result (worker compute + transfer), ms. */
  readonly profileMs: number | null;

  // ── transactions at a glance + extreme lines (follow the data slice's mappingResult) ──
  readonly glanceStatus: StepStatus;
  readonly glanceError: StepError | null;
  readonly glance: Glance | null;
  readonly outliers: OutlierReport | null;
  readonly glanceMs: number | null;

  // ── pair plots ──
  /** Log axes for the raw (before transform) R, F, M. */
  readonly pairLogAxes: boolean;
}

export const initialProfileState: ProfileSlice = {
  profileStatus: 'waiting',
  profileError: null,
  columnProfile: null,
  profileSource: null,
  profileMs: null,
  glanceStatus: 'waiting',
  glanceError: null,
  glance: null,
  outliers: null,
  glanceMs: null,
  pairLogAxes: true,
};

export const createProfileSlice: SliceCreator<ProfileSlice> = () => ({ ...initialProfileState });
