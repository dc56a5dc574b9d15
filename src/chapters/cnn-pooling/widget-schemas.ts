/** The CNN-pooling chapter's widget schemas, with the run kind each drives. */
import type { WidgetSchemaEntry } from '../types';
import { shiftProbeKind } from './kinds';
import { shiftProbeSchema } from './widgets/shift-probe/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [{ schema: shiftProbeSchema, kind: shiftProbeKind }];
