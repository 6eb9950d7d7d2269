/**
 * The IndexedDB plumbing the saved session (persistence.ts) and the run history (runs-db.ts) share:
 * one lazily opened connection per database, let go when another tab deletes it; transactions that
 * resolve when they COMMIT; deleting a database. The plain browser API, no library.
 */
import { UserFacingError } from '../core/errors';

/** True when IndexedDB exists here (not in Node tests, not in some private modes). */
export function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined';
}

export interface IdbStore {
  /**
   * Runs one transaction on the object store; resolves with `body`'s request result when the
   * transaction commits, rejects with the transaction's error (a QuotaExceededError shows up there).
   */
  tx<T>(
    mode: IDBTransactionMode,
    body: (store: IDBObjectStore) => IDBRequest<T> | void,
  ): Promise<T | undefined>;
  /** Closes the connection and deletes the whole database. */
  deleteDatabase(): Promise<void>;
}

/** One database `name` holding one object store `store` (created on first open). */
export function idbStore(
  name: string,
  version: number,
  store: string,
  params?: IDBObjectStoreParameters,
): IdbStore {
  let dbPromise: Promise<IDBDatabase> | null = null;

  function open(): Promise<IDBDatabase> {
    if (!hasIndexedDb()) return Promise.reject(new UserFacingError({ code: 'storage-unavailable' }));
    dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, version);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, params);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab deleting the database ("Clear all local data") asks us to let go.
        db.onversionchange = () => {
          db.close();
          dbPromise = null;
        };
        resolve(db);
      };
      req.onerror = () => {
        dbPromise = null;
        reject(req.error ?? new Error('IndexedDB could not be opened'));
      };
      req.onblocked = () => {
        dbPromise = null;
        reject(new Error('IndexedDB is blocked by another tab of this app'));
      };
    });
    return dbPromise;
  }

  return {
    async tx<T>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T> | void) {
      const db = await open();
      return new Promise<T | undefined>((resolve, reject) => {
        let t: IDBTransaction;
        let req: IDBRequest<T> | void;
        try {
          t = db.transaction(store, mode);
          req = body(t.objectStore(store));
        } catch (e) {
          reject(e);
          return;
        }
        t.oncomplete = () => resolve(req ? req.result : undefined);
        t.onabort = () => reject(t.error ?? (req ? req.error : null) ?? new Error('transaction aborted'));
        t.onerror = (ev) => {
          // Let onabort report the transaction's error.
          ev.preventDefault();
          t.abort();
        };
      });
    },
    async deleteDatabase() {
      if (!hasIndexedDb()) return;
      const db = dbPromise ? await dbPromise.catch(() => null) : null;
      db?.close();
      dbPromise = null;
      await removeDatabase(name);
    },
  };
}

/** Deletes an IndexedDB database of this app by name. */
export function removeDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error('the database could not be deleted'));
    // Blocked: another tab holds it open; it closes on 'versionchange' and the delete then succeeds.
    req.onblocked = () => undefined;
  });
}
