/**
 * The page entry every essay page loads: the widget chrome's styles, the training worker, and the
 * runtime's boot over every chapter's widgets (each loads as it nears the viewport).
 */
import '../widgets/base/styles';
import { widgetLoaders } from '../chapters';
import { boot } from '../runtime/boot';
import { setTrainerWorker } from '../runtime/client';

setTrainerWorker(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'local-minimum-trainer' }));

if (typeof document !== 'undefined') {
  const start = () => boot(widgetLoaders);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
