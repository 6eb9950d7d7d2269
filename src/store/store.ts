import { create } from 'zustand';
import { createApplySlice, type ApplySlice } from './apply-slice';
import { createDataSlice, type DataSlice } from './data-slice';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createProfileSlice, type ProfileSlice } from './profile-slice';
import { createRfmScoresSlice, type RfmScoresSlice } from './rfm-scores-slice';

/**
 * The one store of the app, made of slices (zustand's slices pattern). Components select single
 * fields (`useNotebook((s) => s.rfm)`); async work lives in plain action functions beside each slice
 * that call `useNotebook.setState` / `getState`.
 */
export type NotebookState = DataSlice & ModelSlice & ProfileSlice & RfmScoresSlice & ApplySlice;

export const useNotebook = create<NotebookState>()((...a) => ({
  ...createDataSlice(...a),
  ...createModelSlice(...a),
  ...createProfileSlice(...a),
  ...createRfmScoresSlice(...a),
  ...createApplySlice(...a),
}));
