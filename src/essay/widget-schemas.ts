/**
 * Every widget's schema, resolved at import: the build loads this module through Vite's module
 * runner (schemas.ts), and the top-level await lets each chapter's lazy schemas module load while
 * the runner is still open.
 */
import { loadWidgetSchemas } from '../chapters/index.ts';

export const widgetSchemas = (await loadWidgetSchemas()).map((entry) => entry.schema);
