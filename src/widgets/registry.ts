/**
 * Every widget, by tag: its schema (pure data, importable by the essay build in Node) and a lazy
 * loader for its custom element (only the browser calls it, when the widget nears the viewport).
 */
import type { WidgetSchema } from './schema';
import { overfitSchema } from './overfit/schema';

export interface WidgetEntry {
  schema: WidgetSchema;
  /** Imports the module that defines the custom element (calls customElements.define). */
  load: () => Promise<unknown>;
}

export const widgets: Record<string, WidgetEntry> = {
  [overfitSchema.tag]: { schema: overfitSchema, load: () => import('./overfit/element') },
};

export const widgetSchemas: WidgetSchema[] = Object.values(widgets).map((w) => w.schema);
