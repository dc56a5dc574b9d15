/**
 * The page entry every essay page loads: the widget chrome's styles, the training worker, and the
 * runtime's boot over every chapter's widgets (each loads as it nears the viewport), and the scroll
 * to the figure a state link names.
 */
import '../widgets/base/styles';
import { widgetLoaders } from '../chapters/widgets';
import { boot } from '../runtime/boot';
import { setTrainerWorker } from '../runtime/client';

setTrainerWorker(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'local-minimum-trainer' }));

if (typeof document !== 'undefined') {
  const start = () => {
    boot(widgetLoaders);
    // A link to a figure's state (`#bp-vs-fa.scene=2&…`: a lecture scene, "Open in the essay" on the
    // embed page) opens at that figure, not at the top; a reload keeps the reader's place.
    const at = document.getElementById(/^#([A-Za-z][\w-]*)\./.exec(location.hash)?.[1] ?? '');
    if (at && (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type === 'navigate') at.scrollIntoView({ block: 'center' });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
