/**
 * Every widget, by tag: its schema (pure data, importable by the essay build in Node) and a lazy
 * loader for its custom element (only the browser calls it, when the widget nears the viewport).
 */
import type { WidgetSchema } from './schema';
import { overfitSchema } from './overfit/schema';
import { faCompareSchema } from './fa-compare/schema';
import { faLinearSchema } from './fa-linear/schema';
import { ffSchema } from './ff-layers/schema';
import { eqpropSchema } from './eqprop-phases/schema';
import { attackLabSchema } from './attack-lab/schema';
import { robustnessSchema } from './robustness-curves/schema';
import { linearitySchema } from './linearity/schema';
import { forgettingSchema } from './forgetting/schema';
import { metaplasticSchema } from './metaplastic/schema';

export interface WidgetEntry {
  schema: WidgetSchema;
  /** Imports the module that defines the custom element (calls customElements.define). */
  load: () => Promise<unknown>;
}

export const widgets: Record<string, WidgetEntry> = {
  [overfitSchema.tag]: { schema: overfitSchema, load: () => import('./overfit/element') },
  [faCompareSchema.tag]: { schema: faCompareSchema, load: () => import('./fa-compare/element') },
  [faLinearSchema.tag]: { schema: faLinearSchema, load: () => import('./fa-linear/element') },
  [ffSchema.tag]: { schema: ffSchema, load: () => import('./ff-layers/element') },
  [eqpropSchema.tag]: { schema: eqpropSchema, load: () => import('./eqprop-phases/element') },
  [attackLabSchema.tag]: { schema: attackLabSchema, load: () => import('./attack-lab/element') },
  [robustnessSchema.tag]: { schema: robustnessSchema, load: () => import('./robustness-curves/element') },
  [linearitySchema.tag]: { schema: linearitySchema, load: () => import('./linearity/element') },
  [forgettingSchema.tag]: { schema: forgettingSchema, load: () => import('./forgetting/element') },
  [metaplasticSchema.tag]: { schema: metaplasticSchema, load: () => import('./metaplastic/element') },
};

export const widgetSchemas: WidgetSchema[] = Object.values(widgets).map((w) => w.schema);
