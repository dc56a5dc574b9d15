/**
 * Step-0 snapshots remembered between visits, so that a figure shows its first numbers at once on a
 * reader's second visit (issue 17: first numbers within 1 s of a figure nearing the viewport) while
 * the worker builds its run behind them.
 *
 * A run is seed-locked: the same build, kind and config give the same first evaluation. The client
 * (client.ts) stores the first evaluation of each fresh run under that key, and a later run with the
 * same key answers its first evaluate() from here, before the worker has built it; every later call
 * waits for the worker's run. The build is the worker script's content-hashed file name with the
 * shipped data and models' hash (TrainerService.build), so a new version never reads an old one's
 * numbers; a development server (no hash) remembers nothing.
 *
 * Stored in IndexedDB (structured clone keeps typed arrays), at most MAX_ENTRIES: past that the store
 * starts afresh. Any failure (no IndexedDB, private mode, quota) just means no snapshot.
 */

export interface SnapshotStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
}

const DB = 'local-minimum-snapshots';
const STORE = 'first-evaluation';
const MAX_ENTRIES = 200;

/** The worker script's build, from its URL: its content-hashed file name, or '' (dev server: no hash). */
export function buildOf(scriptUrl: string): string {
  const name = /\/([\w.-]+-[\w-]{8}\.js)(?:$|[?#])/.exec(scriptUrl);
  return name ? name[1] : '';
}

/** The key of a run's first evaluation: build, kind, config (and a forced backend, which changes the numbers' rounding). */
export function snapshotKey(build: string, kind: string, config: object, forced: string | null): string {
  return JSON.stringify([build, kind, forced, config]);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The browser's store, or null where IndexedDB is missing. */
export function indexedDbSnapshots(factory: IDBFactory | undefined = globalThis.indexedDB): SnapshotStore | null {
  if (!factory) return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
      req.onblocked = () => reject(new Error('IndexedDB open blocked'));
    });
    db.catch(() => {
      db = null;
    });
    return db;
  };
  const store = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    async get(key) {
      try {
        return await request((await store('readonly')).get(key));
      } catch {
        return undefined;
      }
    },
    async put(key, value) {
      try {
        const s = await store('readwrite');
        if ((await request(s.count())) >= MAX_ENTRIES) await request(s.clear());
        await request(s.put(value, key));
      } catch {
        // not remembered: the next visit computes it again
      }
    },
  };
}
