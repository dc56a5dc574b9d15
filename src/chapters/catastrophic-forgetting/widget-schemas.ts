/** The Catastrophic-forgetting chapter's widget schemas, with the run kind each trains. */
import type { WidgetSchemaEntry } from '../types';
import { forgettingKind } from './kinds';
import { forgettingSchema } from './widgets/forgetting/schema';
import { metaplasticSchema } from './widgets/metaplastic/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: forgettingSchema, kind: forgettingKind },
  { schema: metaplasticSchema, kind: forgettingKind },
];
