import type { StateCreator } from 'zustand';
import type { NotebookState } from './store';

/** A slice creator typed against the whole store, so actions can read other slices. */
export type SliceCreator<T> = StateCreator<NotebookState, [], [], T>;
