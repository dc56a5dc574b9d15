// Run kinds declared `usesTfjs: false` let a page skip tfjs' backend (its WASM download) entirely.
// This file registers NO tfjs backend, so any tensor such a run made would throw "No backend found";
// each kind's run is created from its figure's default settings through the service, trained,
// evaluated and disposed, with a backend choice that fails if anything asks for one.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { runKindLoaders } from '../../../src/chapters';
import { lazyRunKinds, type RunKindEntry } from '../../../src/runtime/protocol';
import { TrainerService } from '../../../src/runtime/service';
import { defaults } from '../../../src/settings/schema';
import { nodeSource } from '../../../src/lib/data/source-node';
import { widthSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/schema';
import { widthConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/config';
import { kernelMotionSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/schema';
import { kernelMotionConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/config';
import { eigenSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/schema';
import { eigenConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/config';
import { lazyRichSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/schema';
import { lazyRichConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/config';
import { lifNeuronSchema } from '../../../src/chapters/brains-not-feed-forward/widgets/lif-neuron/schema';
import { lifNeuronConfig } from '../../../src/chapters/brains-not-feed-forward/widgets/lif-neuron/config';
import { edgeOfChaosSchema } from '../../../src/chapters/brains-not-feed-forward/widgets/edge-of-chaos/schema';
import { edgeOfChaosConfig } from '../../../src/chapters/brains-not-feed-forward/widgets/edge-of-chaos/config';
import { gameOfLifeSchema } from '../../../src/chapters/brains-not-feed-forward/widgets/game-of-life/schema';
import { gameOfLifeConfig } from '../../../src/chapters/brains-not-feed-forward/widgets/game-of-life/config';
import { kohonenMapSchema } from '../../../src/chapters/brains-not-feed-forward/widgets/kohonen-map/schema';
import { kohonenMapConfig } from '../../../src/chapters/brains-not-feed-forward/widgets/kohonen-map/config';
import { eventCameraSchema } from '../../../src/chapters/brains-not-feed-forward/widgets/event-camera/schema';
import { eventCameraConfig } from '../../../src/chapters/brains-not-feed-forward/widgets/event-camera/config';
import { raceSchema } from '../../../src/chapters/exponentiated-gradient/widgets/eg-race/schema';
import { raceConfig } from '../../../src/chapters/exponentiated-gradient/widgets/eg-race/config';
import { GUESS_MAP_DEFAULTS } from '../../../src/chapters/exponentiated-gradient/runs/defaults';
import { quantizePruneSchema } from '../../../src/chapters/binary-crossbar/widgets/quantize-prune/schema';
import { quantizePruneConfig } from '../../../src/chapters/binary-crossbar/widgets/quantize-prune/config';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MODELS_DIR, nodeModelSource } from '../../../src/lib/classifiers/pretrained-node';
import { berSchema } from '../../../src/chapters/binary-crossbar/widgets/ber-robustness/schema';
import { berConfig } from '../../../src/chapters/binary-crossbar/widgets/ber-robustness/config';
import { chipSchema } from '../../../src/chapters/binary-crossbar/widgets/crossbar-chip/schema';
import { chipConfig } from '../../../src/chapters/binary-crossbar/widgets/crossbar-chip/config';

// Runs that read shipped weights fetch them from the page's models folder: here, from disk — the
// quantize figure through a test address, the crossbar figures through a file: URL.
const MODELS_URL = 'http://models.test/';
const CROSSBAR_MODELS = pathToFileURL(`${DEFAULT_MODELS_DIR}binary-crossbar/`).href;
const models = nodeModelSource();
const networkFetch = globalThis.fetch;
globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.startsWith(MODELS_URL)) return new Response(new Blob([(await models(url.slice(MODELS_URL.length))).slice()]));
  if (url.startsWith('file:')) return new Response(await readFile(new URL(url)));
  return networkFetch(input, init);
}) as typeof fetch;

/** Each tensor-free kind with the config its figure sends by default. */
const configs: Record<string, object> = {
  'ntk-width': widthConfig(defaults(widthSchema), 1),
  'ntk-kernel-motion': kernelMotionConfig(defaults(kernelMotionSchema), 1),
  'ntk-eigen': eigenConfig(defaults(eigenSchema), 1),
  'ntk-lazy-rich': lazyRichConfig(defaults(lazyRichSchema), 1),
  'lif-neuron': lifNeuronConfig(defaults(lifNeuronSchema), 1),
  'edge-of-chaos': edgeOfChaosConfig(defaults(edgeOfChaosSchema), 1),
  'game-of-life': gameOfLifeConfig(defaults(gameOfLifeSchema), 1),
  'kohonen-map': kohonenMapConfig(defaults(kohonenMapSchema), 1),
  'event-camera': eventCameraConfig(defaults(eventCameraSchema), 1),
  'eg-race': raceConfig(defaults(raceSchema), 1),
  'eg-guess-map': GUESS_MAP_DEFAULTS,
  'quantize-prune': quantizePruneConfig(defaults(quantizePruneSchema), 1, MODELS_URL),
  'ber-robustness': berConfig({ ...defaults(berSchema), testDigits: 500 }, 1, CROSSBAR_MODELS),
  'crossbar-chip': chipConfig({ ...defaults(chipSchema), testDigits: 500 }, 1, CROSSBAR_MODELS),
};

describe('tensor-free run kinds', async () => {
  const entries: RunKindEntry[] = await Promise.all(Object.values(runKindLoaders).map((load) => load()));
  const free = entries.filter((e) => e.usesTfjs === false).map((e) => e.kind.name);

  it('are the ones this test knows how to configure (a new one must be added here)', () => {
    expect(free.sort()).toEqual(Object.keys(configs).sort());
    // …and no backend is registered in this file: a tensor would throw.
    expect(Object.keys(tf.engine().registryFactory)).toEqual([]);
    expect(() => tf.scalar(1)).toThrow();
  });

  it.each(free)('%s creates, trains, evaluates and disposes a run with no tfjs backend at all', async (name) => {
    const service = new TrainerService({
      kinds: lazyRunKinds(runKindLoaders),
      sourceFor: () => nodeSource(),
      select: async () => {
        throw new Error(`${name} asked for a tfjs backend`);
      },
      engines: { configure: () => {} },
    });
    expect(await service.init({ forced: null, dataBaseUrl: 'unused://' })).toBeNull();
    const id = await service.createRun(name, configs[name]);
    const report = await service.train(id, { steps: 2, budgetMs: 5_000 });
    expect(report.steps).toBeGreaterThan(0);
    expect(await service.evaluate(id)).toBeDefined();
    expect((await service.memory()).runs).toBe(1);
    await service.dispose(id);
  }, 60_000);
});
