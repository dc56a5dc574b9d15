/** The Feedback-alignment chapter's widget schemas, with the run kind each trains. */
import type { WidgetSchemaEntry } from '../types';
import { eqpropKind, faCompareKind, faLinearKind, forwardForwardKind } from './kinds';
import { eqpropSchema } from './widgets/eqprop-phases/schema';
import { faCompareSchema } from './widgets/fa-compare/schema';
import { faLinearSchema } from './widgets/fa-linear/schema';
import { ffSchema } from './widgets/ff-layers/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: faCompareSchema, kind: faCompareKind },
  { schema: faLinearSchema, kind: faLinearKind },
  { schema: ffSchema, kind: forwardForwardKind },
  { schema: eqpropSchema, kind: eqpropKind },
];
