/**
 * Loads every widget's schema from the chapter list for the build (Node only).
 *
 * The list is TypeScript and holds lazy `import()`s of browser code, so the Vite config must
 * not bundle it (the config bundler would follow those imports). Vite's module runner loads it
 * on demand instead: only each chapter's schemas module is executed, never a widget's element.
 */
import { runnerImport } from 'vite';
import type { WidgetSchema } from '../settings/schema.ts';

export const REGISTRY = 'src/essay/widget-schemas.ts';

export async function loadWidgetSchemas(root: string): Promise<WidgetSchema[]> {
  const { module } = await runnerImport<{ widgetSchemas?: WidgetSchema[] }>(`/${REGISTRY}`, { root, logLevel: 'error' });
  if (!Array.isArray(module.widgetSchemas)) throw new Error(`${REGISTRY}: expected an exported array "widgetSchemas"`);
  return module.widgetSchemas;
}
