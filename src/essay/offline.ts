/**
 * Registers the service worker that makes the essay work offline (vite.config.ts builds it with
 * Workbox). Loaded by every page, so it stays a few hundred bytes: no workbox-window. The first
 * install takes the page at once; a later version waits (installed, not active) until the reader
 * accepts the lazily loaded "Reload" prompt (update-prompt.ts). No service worker in dev.
 */
export function registerOffline(sw: ServiceWorkerContainer = navigator.serviceWorker): Promise<void> {
  const offer = (waiting: ServiceWorker | null) => {
    // Only an update needs the reader's consent: on the first install nothing controls the page yet.
    if (waiting && sw.controller) void import('./update-prompt').then((m) => m.offerUpdate(waiting));
  };
  // The site root: Vite's base, or what a page one folder down says (the French edition, fr/).
  const root = document.querySelector<HTMLMetaElement>('meta[name="local-minimum:root"]')?.content || import.meta.env.BASE_URL;
  return sw.register(`${root}sw.js`).then((reg?: ServiceWorkerRegistration) => {
    if (!reg) return; // a blocked registration may resolve empty (Playwright's serviceWorkers: 'block')
    offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const next = reg.installing;
      next?.addEventListener('statechange', () => next.state === 'installed' && offer(next));
    });
  }, () => {}); // Blocked (private mode, a test harness, file://): the page still works online.
}

if (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
  addEventListener('load', () => void registerOffline(), { once: true });
}
