/**
 * "A new version is available — Reload": shown when a newer service worker has installed while
 * this page runs the old version (offline.ts). Reload tells the waiting worker to take over
 * (Workbox's SKIP_WAITING message) and reloads once it controls the page, so every page and chunk
 * then comes from the same version. "Later" keeps the old version until the next visit.
 */
import { t } from '../i18n/t';
export function offerUpdate(waiting: ServiceWorker, doc: Document = document, reloadPage = () => location.reload()): HTMLElement {
  doc.querySelector('.update-prompt')?.remove();
  const box = doc.createElement('div');
  box.className = 'update-prompt';
  box.setAttribute('role', 'status');
  const text = doc.createElement('p');
  text.textContent = t('A new version is available.');
  const reload = doc.createElement('button');
  reload.type = 'button';
  reload.textContent = t('Reload');
  const later = doc.createElement('button');
  later.type = 'button';
  later.textContent = t('Later');
  reload.addEventListener('click', () => {
    reload.disabled = true;
    navigator.serviceWorker.addEventListener('controllerchange', reloadPage, { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  });
  later.addEventListener('click', () => box.remove());
  box.append(text, reload, later);
  doc.body.append(box);
  return box;
}
