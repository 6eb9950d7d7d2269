import type { SliceCreator } from './slice';

/** State of the data steps (Data, Columns, Cleaning, RFM). Owned by the data-pipeline work. */
export interface DataSlice {
  readonly dataPlaceholder?: true;
}

export const createDataSlice: SliceCreator<DataSlice> = () => ({});
