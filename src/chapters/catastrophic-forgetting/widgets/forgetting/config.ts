/** The forgetting figure's run config: a pure function of its settings and seed. */
import type { ForgettingLiveConfig } from '../../runs/forgetting-live';
import { enabledMethods, methodChoice, type ForgettingSettings } from './model';

/** Test digits per task scored at each evaluation. */
const TEST_SIZE = 1000;
const BATCH_SIZE = 64;

export function forgettingConfig(s: ForgettingSettings, seed: number): ForgettingLiveConfig {
  return {
    stream: s.stream,
    numTasks: s.tasks,
    methods: enabledMethods(s).map((m) => methodChoice(m.key, s)),
    lambda: s.lambda,
    meta: s.meta,
    mlpHidden: [s.hidden, s.hidden],
    bnnHidden: [2 * s.hidden, 2 * s.hidden],
    batchSize: BATCH_SIZE,
    seed,
    testSize: TEST_SIZE,
    // The BNN on the typed engine where WASM SIMD runs (6.4× the lib on tfjs-wasm, bench/RESULTS.md).
    bnnEngine: 'auto',
  };
}
