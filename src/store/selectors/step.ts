/**
 * A notebook step's status and error, read together as every cell does. The store keeps them as
 * `<step>Status` / `<step>Error` pairs; this picks one pair and re-renders when either changes.
 */
import { useShallow } from 'zustand/react/shallow';
import { useNotebook, type NotebookState } from '../store';

export type StepName =
  'load' | 'mapping' | 'cleaning' | 'rfm' | 'transform' | 'sweep' | 'profile' | 'glance' | 'apply';

export interface StepView<S extends StepName> {
  readonly status: NotebookState[`${S}Status`];
  readonly error: NotebookState[`${S}Error`];
}

export function useStep<S extends StepName>(step: S): StepView<S> {
  return useNotebook(
    useShallow((s): StepView<S> => ({ status: s[`${step}Status`], error: s[`${step}Error`] })),
  );
}
