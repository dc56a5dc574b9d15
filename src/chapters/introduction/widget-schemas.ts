/** The Introduction's widget schemas, with the run kind each trains. */
import type { WidgetSchemaEntry } from '../types';
import { overfitKind } from './kinds';
import { overfitSchema } from './widgets/overfit/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [{ schema: overfitSchema, kind: overfitKind }];
