/** The Exponentiated-gradient chapter's widget schemas, with the run kind each trains. */
import type { WidgetSchemaEntry } from '../types';
import { egGuessMapKind, egRaceKind, egWeightsKind } from './kinds';
import { raceSchema } from './widgets/eg-race/schema';
import { weightsSchema } from './widgets/eg-weights/schema';
import { guessMapSchema } from './widgets/eg-guess-map/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: raceSchema, kind: egRaceKind },
  { schema: weightsSchema, kind: egWeightsKind },
  { schema: guessMapSchema, kind: egGuessMapKind },
];
