/** The Neural-tangent-kernel chapter's widget schemas, with the run kind each trains. */
import type { WidgetSchemaEntry } from '../types';
import { eigenKind, kernelMotionKind, lazyRichKind, widthKind } from './kinds';
import { eigenSchema } from './widgets/ntk-eigen/schema';
import { kernelMotionSchema } from './widgets/ntk-kernel-motion/schema';
import { lazyRichSchema } from './widgets/ntk-lazy-rich/schema';
import { widthSchema } from './widgets/ntk-width/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: widthSchema, kind: widthKind },
  { schema: kernelMotionSchema, kind: kernelMotionKind },
  { schema: eigenSchema, kind: eigenKind },
  { schema: lazyRichSchema, kind: lazyRichKind },
];
