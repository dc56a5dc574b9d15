/**
 * Where calibration results are kept between visits: IndexedDB (reachable from the worker, unlike
 * localStorage), with an in-memory map in front, and the map alone where IndexedDB is missing or
 * refuses (private windows, Node). A failed read or write only costs a new calibration.
 */
import type { EngineChoice } from './choice';

export interface EngineCache {
  get(key: string): Promise<EngineChoice | null>;
  set(key: string, choice: EngineChoice): Promise<void>;
  /** Start opening the store now, so that the first get does not wait for it. */
  open?(): void;
}

export function memoryCache(): EngineCache {
  const map = new Map<string, EngineChoice>();
  return {
    get: async (key) => map.get(key) ?? null,
    set: async (key, choice) => {
      map.set(key, choice);
    },
  };
}

const DB_NAME = 'local-minimum-engine';
const STORE = 'choices';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

/** IndexedDB behind a memory map; falls back to the map alone. */
export function persistentCache(factory: IDBFactory | undefined = globalThis.indexedDB): EngineCache {
  const memory = memoryCache();
  let db: Promise<IDBDatabase | null> | null = null;
  const database = () => {
    db ??= factory ? openDb(factory).catch(() => null) : Promise.resolve(null);
    return db;
  };
  return {
    open() {
      void database();
    },
    async get(key) {
      const hit = await memory.get(key);
      if (hit) return hit;
      try {
        const d = await database();
        if (!d) return null;
        const value = (await request(d.transaction(STORE, 'readonly').objectStore(STORE).get(key))) as EngineChoice | undefined;
        if (value) await memory.set(key, value);
        return value ?? null;
      } catch {
        return null;
      }
    },
    async set(key, choice) {
      await memory.set(key, choice);
      try {
        const d = await database();
        if (d) await request(d.transaction(STORE, 'readwrite').objectStore(STORE).put(choice, key));
      } catch {
        // kept in memory only
      }
    },
  };
}
