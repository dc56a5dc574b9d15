/** The synapse figure's run config: a pure function of its settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { ForgettingLiveConfig } from '../../runs/forgetting-live';
import type { metaplasticSchema } from './schema';

/** |W_h| sampled for the histogram. */
const SAMPLE = 4000;
/** Test digits per task scored at each evaluation. */
const TEST_SIZE = 1000;
const BATCH_SIZE = 64;

export function metaplasticConfig(s: SettingsOf<typeof metaplasticSchema>, seed: number): ForgettingLiveConfig {
  return {
    stream: 'permuted',
    numTasks: s.tasks,
    methods: [{ kind: 'metaplastic', label: 'Metaplastic BNN' }],
    lambda: 0,
    meta: s.meta,
    bnnHidden: [s.hidden, s.hidden],
    batchSize: BATCH_SIZE,
    seed,
    testSize: TEST_SIZE,
    weightSample: SAMPLE,
    // The BNN on the typed engine where WASM SIMD runs (6.4× the lib on tfjs-wasm, bench/RESULTS.md).
    bnnEngine: 'auto',
  };
}
