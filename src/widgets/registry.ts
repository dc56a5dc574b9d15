/**
 * Every widget, by tag: its schema (pure data, importable by the essay build in Node) and a lazy
 * loader for its custom element (only the browser calls it, when the widget nears the viewport).
 */
import type { WidgetSchema } from '../settings/schema';
import { overfitSchema } from '../chapters/introduction/widgets/overfit/schema';
import { faCompareSchema } from '../chapters/feedback-alignment/widgets/fa-compare/schema';
import { faLinearSchema } from '../chapters/feedback-alignment/widgets/fa-linear/schema';
import { ffSchema } from '../chapters/feedback-alignment/widgets/ff-layers/schema';
import { eqpropSchema } from '../chapters/feedback-alignment/widgets/eqprop-phases/schema';
import { attackLabSchema } from '../chapters/adversarial-attacks/widgets/attack-lab/schema';
import { robustnessSchema } from '../chapters/adversarial-attacks/widgets/robustness-curves/schema';
import { linearitySchema } from '../chapters/adversarial-attacks/widgets/linearity/schema';
import { forgettingSchema } from '../chapters/catastrophic-forgetting/widgets/forgetting/schema';
import { metaplasticSchema } from '../chapters/catastrophic-forgetting/widgets/metaplastic/schema';

export interface WidgetEntry {
  schema: WidgetSchema;
  /** Imports the module that defines the custom element (calls customElements.define). */
  load: () => Promise<unknown>;
}

export const widgets: Record<string, WidgetEntry> = {
  [overfitSchema.tag]: { schema: overfitSchema, load: () => import('../chapters/introduction/widgets/overfit/element') },
  [faCompareSchema.tag]: { schema: faCompareSchema, load: () => import('../chapters/feedback-alignment/widgets/fa-compare/element') },
  [faLinearSchema.tag]: { schema: faLinearSchema, load: () => import('../chapters/feedback-alignment/widgets/fa-linear/element') },
  [ffSchema.tag]: { schema: ffSchema, load: () => import('../chapters/feedback-alignment/widgets/ff-layers/element') },
  [eqpropSchema.tag]: { schema: eqpropSchema, load: () => import('../chapters/feedback-alignment/widgets/eqprop-phases/element') },
  [attackLabSchema.tag]: { schema: attackLabSchema, load: () => import('../chapters/adversarial-attacks/widgets/attack-lab/element') },
  [robustnessSchema.tag]: { schema: robustnessSchema, load: () => import('../chapters/adversarial-attacks/widgets/robustness-curves/element') },
  [linearitySchema.tag]: { schema: linearitySchema, load: () => import('../chapters/adversarial-attacks/widgets/linearity/element') },
  [forgettingSchema.tag]: { schema: forgettingSchema, load: () => import('../chapters/catastrophic-forgetting/widgets/forgetting/element') },
  [metaplasticSchema.tag]: { schema: metaplasticSchema, load: () => import('../chapters/catastrophic-forgetting/widgets/metaplastic/element') },
};

export const widgetSchemas: WidgetSchema[] = Object.values(widgets).map((w) => w.schema);
