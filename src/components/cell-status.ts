/**
 * The status of every notebook cell, reported by the cells themselves (`Cell`), for the step bar and
 * the page's status announcement. A tiny external store read with `useSyncExternalStore`.
 */
import { useSyncExternalStore } from 'react';
import type { CellStatus } from './cell';
import type { StepId } from './steps';

/** The last status each step's cell reported (a step not rendered yet has none). */
export type CellStatuses = Readonly<Partial<Record<StepId, CellStatus>>>;

let statuses: CellStatuses = {};
const listeners = new Set<() => void>();

export function reportCellStatus(id: StepId, status: CellStatus): void {
  if (statuses[id] === status) return;
  statuses = { ...statuses, [id]: status };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const get = () => statuses;

/** Every cell's current status by id. */
export function useCellStatuses(): CellStatuses {
  return useSyncExternalStore(subscribe, get, get);
}
