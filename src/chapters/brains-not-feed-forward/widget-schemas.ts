/** The closing chapter's widget schemas, with the run kind each drives. */
import type { WidgetSchemaEntry } from '../types';
import { edgeOfChaosKind, eventCameraKind, gameOfLifeKind, kohonenMapKind, lifNeuronKind } from './kinds';
import { lifNeuronSchema } from './widgets/lif-neuron/schema';
import { edgeOfChaosSchema } from './widgets/edge-of-chaos/schema';
import { gameOfLifeSchema } from './widgets/game-of-life/schema';
import { kohonenMapSchema } from './widgets/kohonen-map/schema';
import { eventCameraSchema } from './widgets/event-camera/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: lifNeuronSchema, kind: lifNeuronKind },
  { schema: edgeOfChaosSchema, kind: edgeOfChaosKind },
  { schema: gameOfLifeSchema, kind: gameOfLifeKind },
  { schema: kohonenMapSchema, kind: kohonenMapKind },
  { schema: eventCameraSchema, kind: eventCameraKind },
];
