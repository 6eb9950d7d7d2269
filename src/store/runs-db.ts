/**
 * Run history in IndexedDB (the plain browser API): its own database, one object store of run
 * records keyed by id (src/core/runs/run-record.ts). Nothing leaves the browser; "Clear all local
 * data" deletes it with the session.
 */
import { parseRunRecord, type RunRecord } from '../core/runs/run-record';
import { UserFacingError } from '../core/types';
import { hasIndexedDb, isQuotaError, removeDatabase } from './persistence';

export const RUNS_DB_NAME = 'segment-notebook-runs';
const STORE = 'runs';

let dbPromise: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(RUNS_DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE))
        req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        dbPromise = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('the run history could not be opened'));
  });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = op(t.objectStore(STORE));
    t.oncomplete = () => resolve(req.result);
    const fail = () => {
      const e = t.error ?? req.error;
      reject(
        isQuotaError(e)
          ? new UserFacingError({ code: 'storage-full', what: 'run' })
          : new UserFacingError({ code: 'runs-storage', detail: e?.message ?? 'unknown error' }),
      );
    };
    t.onerror = fail;
    t.onabort = fail;
  });
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
  const db = dbPromise ? await dbPromise.catch(() => null) : null;
  db?.close();
  dbPromise = null;
  await removeDatabase(RUNS_DB_NAME);
}
