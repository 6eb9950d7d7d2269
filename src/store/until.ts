import { useNotebook, type NotebookState } from './store';

/** Resolves once the store satisfies `pred` (now or after a later change). */
export function until(pred: (s: NotebookState) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (pred(useNotebook.getState())) return resolve();
    const stop = useNotebook.subscribe((s) => {
      if (pred(s)) {
        stop();
        resolve();
      }
    });
  });
}
