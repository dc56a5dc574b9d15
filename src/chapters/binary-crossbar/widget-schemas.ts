/** The binary-crossbar chapter's widget schemas, with the run kind each trains. */
import type { WidgetSchemaEntry } from '../types';
import { quantizePruneKind } from './kinds';
import { energyLedgerSchema } from './widgets/energy-ledger/schema';
import { quantizePruneSchema } from './widgets/quantize-prune/schema';

export const widgetSchemas: WidgetSchemaEntry[] = [{ schema: energyLedgerSchema }, { schema: quantizePruneSchema, kind: quantizePruneKind }];
