/**
 * Run history in IndexedDB (the plain browser API): its own database, one object store of run
 * records keyed by id (src/core/runs/run-record.ts). Nothing leaves the browser; "Clear all local
 * data" deletes it with the session.
 */
import { parseRunRecord, type RunRecord } from '../core/runs/run-record';
import { UserFacingError } from '../core/errors';
import { hasIndexedDb, idbStore } from './idb';
import { isQuotaError } from './persistence';

export const RUNS_DB_NAME = 'segment-notebook-runs';
const STORE = 'runs';

const db = idbStore(RUNS_DB_NAME, 1, STORE, { keyPath: 'id' });

/** One transaction on the run store; its failures as coded errors (a full disk: 'storage-full'). */
async function tx<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  try {
    return (await db.tx(mode, op)) as T;
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    throw isQuotaError(e)
      ? new UserFacingError({ code: 'storage-full', what: 'run' })
      : new UserFacingError({
          code: 'runs-storage',
          detail: e instanceof Error || e instanceof DOMException ? e.message : 'unknown error',
        });
  }
}

export async function putRun(run: RunRecord): Promise<void> {
  if (!hasIndexedDb()) return;
  await tx('readwrite', (s) => s.put(run));
}

export async function deleteRun(id: string): Promise<void> {
  if (!hasIndexedDb()) return;
  await tx('readwrite', (s) => s.delete(id));
}

/** Every readable run, oldest first (records of another format are left out). */
export async function allRuns(): Promise<RunRecord[]> {
  if (!hasIndexedDb()) return [];
  const rows = await tx<unknown[]>('readonly', (s) => s.getAll());
  const out: RunRecord[] = [];
  for (const r of rows) {
    try {
      out.push(parseRunRecord(JSON.stringify(r), 'stored run'));
    } catch {
      // unreadable record: not listed
    }
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function deleteRunsDatabase(): Promise<void> {
  if (!hasIndexedDb()) return;
  await db.deleteDatabase();
}
