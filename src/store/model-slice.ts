import type { SliceCreator } from './slice';

/** State of the model steps (Transform, Choose k, Segments, Export). Owned by the engine work. */
export interface ModelSlice {
  readonly modelPlaceholder?: true;
}

export const createModelSlice: SliceCreator<ModelSlice> = () => ({});
