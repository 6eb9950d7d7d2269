/**
 * The status of every notebook cell, reported by the cells themselves (`Cell`), for the step bar and
 * the page's status announcement. A tiny external store read with `useSyncExternalStore`.
 */
import { useSyncExternalStore } from 'react';
import type { CellStatus } from './cell';

let statuses: Readonly<Record<string, CellStatus>> = {};
const listeners = new Set<() => void>();

export function reportCellStatus(id: string, status: CellStatus): void {
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
export function useCellStatuses(): Readonly<Record<string, CellStatus>> {
  return useSyncExternalStore(subscribe, get, get);
}
