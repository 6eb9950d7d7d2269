import type { SliceCreator } from './slice';

/** State of the data-profile views (column profile, transactions at a glance, outliers, pair plots). */
export interface ProfileSlice {
  readonly profilePlaceholder?: true;
}

export const createProfileSlice: SliceCreator<ProfileSlice> = () => ({});
