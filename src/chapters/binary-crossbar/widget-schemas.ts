/** The Binary-crossbar chapter's widget schemas, with the run kind each drives. */
import type { WidgetSchemaEntry } from '../types';
import { berCurveKind, chipKind } from './kinds';
import { berSchema } from './widgets/ber-robustness/schema';
import { chipSchema } from './widgets/crossbar-chip/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: berSchema, kind: berCurveKind },
  { schema: chipSchema, kind: chipKind },
];
