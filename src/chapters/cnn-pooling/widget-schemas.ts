/** The CNN-pooling chapter's widget schemas, with the run kind each drives. */
import type { WidgetSchemaEntry } from '../types';
import { equivarianceKind, picassoKind, shiftProbeKind } from './kinds';
import { picassoSchema } from './widgets/picasso-faces/schema';
import { equivarianceSchema } from './widgets/equivariance-grid/schema';
import { shiftProbeSchema } from './widgets/shift-probe/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: shiftProbeSchema, kind: shiftProbeKind },
  { schema: equivarianceSchema, kind: equivarianceKind },
  { schema: picassoSchema, kind: picassoKind },
];
