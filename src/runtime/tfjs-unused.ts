/**
 * Stands in, in the essay's build, for two parts of tfjs-core that every page would otherwise carry
 * (~3 KB gzipped in the worker) and none uses:
 * - `io/indexed_db.js` and `io/local_storage.js`, which io.js and platform_browser.js import only to
 *   register the `indexeddb://` and `localstorage://` model routers and managers (the essay saves
 *   no model in the browser; shipped models are fetched as JSON + binary and read by src/lib): here
 *   the two managers say so if anything ever asks them;
 * - `optimizers/register_optimizers.js`, which registers tfjs' seven optimizer classes for model
 *   serialization (src/lib/rules/update has its own update rules; tf.train is never called);
 * - `platforms/platform_node.js`, Node's platform (fetch, TextEncoder), registered only under Node:
 *   the built site runs in browsers (tests and scripts run the real module);
 * - `tensor_format.js`, which pretty-prints a tensor's values for `tensor.toString()` and
 *   `tf.print`: the essay never prints a tensor; here it says what the tensor is, not its values.
 * Wired up in vite.config.ts for `vite build` only: tests and the dev server keep the real modules.
 */
export function registerOptimizers(): void {}

/** The model managers platform_browser.js registers: none of their stores is part of this site. */
class NoModelStore {
  constructor(private readonly scheme: string) {}
  private unavailable(): never {
    throw new Error(`tfjs model storage (${this.scheme}) is not part of this site.`);
  }
  listModels(): never {
    return this.unavailable();
  }
  removeModel(): never {
    return this.unavailable();
  }
}
export const BrowserIndexedDB = { URL_SCHEME: 'indexeddb://' };
export const BrowserLocalStorage = { URL_SCHEME: 'localstorage://' };
export class BrowserIndexedDBManager extends NoModelStore {
  constructor() {
    super(BrowserIndexedDB.URL_SCHEME);
  }
}
export class BrowserLocalStorageManager extends NoModelStore {
  constructor() {
    super(BrowserLocalStorage.URL_SCHEME);
  }
}

/** tensor.toString() without the values (tensor_format.js's pretty-printer is not bundled). */
export function tensorToString(_vals: unknown, shape: number[], dtype: string): string {
  return `Tensor ${dtype} [${shape.join(', ')}]`;
}
