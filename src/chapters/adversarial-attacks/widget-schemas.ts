/** The Adversarial-attacks chapter's widget schemas, with the run kind each trains. */
import type { WidgetSchemaEntry } from '../types';
import { attackLabKind, robustnessKind } from './kinds';
import { attackLabSchema } from './widgets/attack-lab/schema';
import { linearitySchema } from './widgets/linearity/schema';
import { robustnessSchema } from './widgets/robustness-curves/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: attackLabSchema, kind: attackLabKind },
  { schema: robustnessSchema, kind: robustnessKind },
  { schema: linearitySchema },
];
