/** The Binary-crossbar chapter's widget schemas, with the run kind each drives. */
import type { WidgetSchemaEntry } from '../types';
import { berCurveKind, chipKind, quantizePruneKind } from './kinds';
import { berSchema } from './widgets/ber-robustness/schema';
import { chipSchema } from './widgets/crossbar-chip/schema';
import { energyLedgerSchema } from './widgets/energy-ledger/schema';
import { quantizePruneSchema } from './widgets/quantize-prune/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [
  { schema: chipSchema, kind: chipKind },
  { schema: berSchema, kind: berCurveKind },
  { schema: energyLedgerSchema },
  { schema: quantizePruneSchema, kind: quantizePruneKind },
];
