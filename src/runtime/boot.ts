/**
 * Boots a page's widgets: every tag of the given widgets found in the page gets its code loaded as
 * it nears the viewport (one per frame, see scheduler.ts), the training worker is started alongside
 * the first one, and any `[data-lm-backend]` element in the page template shows the backend in use.
 * The app's page entry (src/app/page.ts) calls it with every chapter's widgets. Idempotent: an
 * element is only scheduled once.
 */
import { backendLabel, backendReason } from './backend-choice';
import { t } from '../i18n/t';
import { getTrainer, prewarmTrainer } from './client';
import { scheduler } from './scheduler';

const scheduled = new WeakSet<Element>();

/** Boot the widgets given as tag → loader of the module that defines the custom element. */
export function boot(widgets: Readonly<Record<string, () => Promise<unknown>>>, root: ParentNode = document): void {
  for (const [tag, load] of Object.entries(widgets)) {
    for (const el of root.querySelectorAll(tag)) {
      if (scheduled.has(el)) continue;
      scheduled.add(el);
      scheduler().whenNear(el, () => {
        prewarmTrainer();
        void showBackend();
        load().catch((err: unknown) => showLoadError(el, err, load));
      });
    }
  }
}

let backendShown = false;

/** Fill `[data-lm-backend]` elements of the page template, if any, with the backend label. */
async function showBackend(): Promise<void> {
  if (backendShown) return;
  backendShown = true;
  const targets = document.querySelectorAll<HTMLElement>('[data-lm-backend]');
  if (targets.length === 0) return;
  try {
    const trainer = await getTrainer();
    const show = () => {
      const info = trainer.backend;
      const reason = info && backendReason(info);
      for (const target of targets) {
        target.textContent = info ? backendLabel(info) : t('plain JavaScript');
        if (reason) target.title = reason;
      }
    };
    show();
    trainer.events.addEventListener('backend-chosen', show);
    trainer.events.addEventListener('backend-changed', show);
  } catch {
    backendShown = false;
  }
}

/** The element's code failed to download (e.g. offline before it was cached): say so, offer a retry. */
function showLoadError(el: Element, err: unknown, retry: () => Promise<unknown>): void {
  if (customElements.get(el.tagName.toLowerCase())) return;
  const box = document.createElement('p');
  box.className = 'lm-load-error';
  box.setAttribute('role', 'alert');
  box.textContent = `${t('This figure could not load ({message}).', { message: err instanceof Error ? err.message : String(err) })} `;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'lm-button';
  button.textContent = t('Retry');
  button.addEventListener('click', () => {
    box.remove();
    retry().catch((again: unknown) => showLoadError(el, again, retry));
  });
  box.append(button);
  el.replaceChildren(box);
}
