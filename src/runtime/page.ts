/**
 * What the page tells the runtime: a forced backend (`?backend=wasm`) and where the data lives.
 */
import { parseBackendName, type BackendName } from './backend-choice';

/** `?backend=webgpu|webgl|wasm|cpu` in the page URL; anything else means "choose". */
export function forcedBackend(search: string = globalThis.location?.search ?? ''): BackendName | null {
  try {
    return parseBackendName(new URLSearchParams(search).get('backend'));
  } catch {
    return null;
  }
}

/**
 * Absolute URL of the data folder (public/data, served at `<site>/data/`), ending in '/'.
 * `<meta name="local-minimum:data" content="…">` overrides it (resolved against the page);
 * otherwise Vite's base: '/' in dev, './' (relative to the page) in a build.
 */
export function dataBaseUrl(doc: Document = document, base: string = import.meta.env.BASE_URL): string {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="local-minimum:data"]')?.content;
  const href = meta && meta.trim() ? meta.trim() : `${base.endsWith('/') ? base : `${base}/`}data/`;
  const url = new URL(href, doc.baseURI);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
