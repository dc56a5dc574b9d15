/**
 * `npx tsx scripts/train-pooling-models.ts [--seed 1] [--engine wasm-simd] [--dtype float16] [--readme-only]`
 * Trains the CNN-pooling chapter's ten nets — the five of src/chapters/cnn-pooling/nets.ts on digits
 * (science.md's protocol: Adam 1e-3, batch 64, 3 epochs on the 8,000-digit split) and the same five
 * on faces vs non-faces (4,000 synthetic images, 3 epochs) — with the code `npm run reproduce --
 * shift-invariance` runs, and writes each to public/models/cnn-pooling as <name>.json (manifest, the
 * format of src/lib/nets/pretrained.ts) + <name>.bin (weights); then regenerates its README.md.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeSource } from '../src/lib/data/source-node';
import type { EngineName } from '../src/lib/engine/types';
import { argmaxRows, type LogitsFn } from '../src/lib/invariance/metrics';
import { DEFAULT_MODELS_DIR } from '../src/lib/classifiers/pretrained-node';
import { WEIGHTS_FORMAT, type WeightsDtype, type WeightsManifest } from '../src/lib/classifiers/pretrained';
import { decodeWeightArrays, encodeWeightArrays } from '../src/lib/classifiers/pretrained-arrays';
import { digitTask, epochSteps, faceTask, trainNets } from '../src/chapters/cnn-pooling/experiments';
import type { LabeledImages } from '../src/chapters/cnn-pooling/data';
import { NetSet } from '../src/chapters/cnn-pooling/net-set';
import { NET_IDS, NETS, PROTOCOL } from '../src/chapters/cnn-pooling/nets';
import { netArchitecture, TASK_CLASSES, WEIGHTS_FOLDER, weightsName, type Task } from '../src/chapters/cnn-pooling/weights';

const DIR = join(DEFAULT_MODELS_DIR, WEIGHTS_FOLDER);
const FACE_TRAIN = 4000;
const FACE_TEST = 1000;
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

function accuracy(logits: LogitsFn, set: LabeledImages, classes: number): number {
  const top = argmaxRows(logits(set.x, set.n), set.n, classes);
  return top.reduce((s, t, i) => s + (t === set.labels[i] ? 1 : 0), 0) / set.n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, engine: { type: 'string', default: 'wasm-simd' }, dtype: { type: 'string', default: 'float16' }, 'readme-only': { type: 'boolean', default: false } } });
  await mkdir(DIR, { recursive: true });
  if (values['readme-only']) return writeReadme();
  const seed = Number(values.seed);
  const engine = values.engine as EngineName;
  const dtype = values.dtype as WeightsDtype;
  if (dtype !== 'float16' && dtype !== 'float32') throw new Error('--dtype must be float16 or float32');
  const digits = await digitTask(nodeSource(), PROTOCOL.trainSize, PROTOCOL.testSize);
  const faces = faceTask(FACE_TRAIN, FACE_TEST);
  const tasks: { task: Task; train: LabeledImages; test: LabeledImages; data: string }[] = [
    { task: 'digits', train: digits.train, test: digits.test, data: 'MNIST: the first 8,000 of the shipped 12,000-digit training subset in a seed-0 permutation (the next 2,000 are the test digits), pixels in [0, 1]' },
    { task: 'faces', train: faces.train, test: faces.test, data: `synthetic faces vs non-faces (src/lib/data/faces.ts, FACE_SEED 0 fork 'train'): ${FACE_TRAIN.toLocaleString('en-US')} images, half faces` },
  ];
  for (const { task, train, test, data } of tasks) {
    const steps = epochSteps(train.n);
    const classes = TASK_CLASSES[task];
    console.log(`${task}: training ${NET_IDS.join(', ')} for ${steps} steps (seed ${seed}, engine ${engine}) ...`);
    const t0 = performance.now();
    const { set, seconds } = await trainNets(NET_IDS, classes, seed, engine, train, steps, (line) => console.log(line));
    console.log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    for (const id of NET_IDS) {
      const name = weightsName(id, task);
      const architecture = netArchitecture(id, task);
      const params = await set.parameters(id);
      const { bytes, tensors } = encodeWeightArrays(architecture, params, dtype);
      const manifest: WeightsManifest = {
        format: WEIGHTS_FORMAT,
        name,
        about: `${NETS[id].label}${task === 'faces' ? ', faces vs non-faces' : ''}`,
        architecture,
        dtype,
        file: `${name}.bin`,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        tensors,
        seed,
        training: { optimizer: 'adam', learningRate: PROTOCOL.learningRate, batchSize: PROTOCOL.batchSize, epochs: PROTOCOL.epochs, steps, augmentShiftPx: NETS[id].augment, loss: 'softmax cross-entropy', data, seconds: Number((seconds[id] ?? 0).toFixed(1)), engine },
        testAccuracy: { float32: accuracy(set.logits(id), test, classes), stored: NaN, testImages: test.n },
        command: `npx tsx scripts/train-pooling-models.ts --seed ${seed} --engine ${engine} --dtype ${dtype}`,
      };
      const stored = NetSet.fromWeights([id], classes, { [id]: decodeWeightArrays(manifest, bytes) });
      manifest.testAccuracy.stored = accuracy(stored.logits(id), test, classes);
      stored.dispose();
      await writeFile(join(DIR, manifest.file), bytes);
      await writeFile(join(DIR, `${name}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
      console.log(`  ${name}: test ${pct(manifest.testAccuracy.float32)} (float32), ${pct(manifest.testAccuracy.stored)} (${dtype}); ${bytes.length.toLocaleString('en-US')} bytes`);
    }
    set.dispose();
  }
  await writeReadme();
}

async function writeReadme(): Promise<void> {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.json')).sort();
  const manifests: WeightsManifest[] = [];
  for (const f of files) manifests.push(JSON.parse(await readFile(join(DIR, f), 'utf8')) as WeightsManifest);
  const order = (m: WeightsManifest) => (m.name.startsWith('face-') ? 10 : 0) + NET_IDS.indexOf(m.name.replace('face-', '') as (typeof NET_IDS)[number]);
  manifests.sort((a, b) => order(a) - order(b));
  const rows = manifests.map((m) => {
    const t = m.training as { steps: number; augmentShiftPx: number; seconds: number };
    return `| \`${m.name}\` | ${m.about} | ${t.augmentShiftPx ? `±${t.augmentShiftPx} px` : '—'} | ${t.steps} | ${m.seed} | ${pct(m.testAccuracy.float32)} | ${pct(m.testAccuracy.stored)} | ${m.testAccuracy.testImages.toLocaleString('en-US')} | ${m.bytes.toLocaleString('en-US')} |`;
  });
  const total = manifests.reduce((s, m) => s + m.bytes, 0);
  await writeFile(
    join(DIR, 'README.md'),
    `# Pretrained models for the CNN-pooling chapter

Generated by \`scripts/train-pooling-models.ts\` (this file too: edit the script, not this file).
The chapter's five nets (\`src/chapters/cnn-pooling/nets.ts\`), each trained twice from seed 1 with
science.md's protocol (Adam 1e-3, batch 64, 3 epochs): on digits (the 8,000 training digits of the
chapter's split of the MNIST subset in \`public/data\`; test accuracy on the 2,000 held-out digits) and
on faces vs non-faces (\`src/lib/data/faces.ts\`; test accuracy on 1,000 fresh images). They let the
shift probe answer at once; \`npm run reproduce -- shift-invariance\` trains the same nets from the
same seed instead (\`--pretrained\` loads these).

| name | model | shift augmentation | steps | seed | test accuracy (float32) | test accuracy (as stored) | test images | bytes |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Total ${total.toLocaleString('en-US')} bytes of weights, stored as float16.

Format: as \`public/models/README.md\` (manifest + little-endian binary, parameters in the lib's
order). A CNN's \`architecture.spec\` may also hold \`padding\` (zero border, px per side), a block's
\`pool\` ('max', 'maxblur', 'none') and \`head\` ('flatten', 'global-average'): see
\`src/lib/nets/cnn-shapes.ts\`. Load them as plain arrays with \`loadNetWeights\`
(\`src/chapters/cnn-pooling/weights.ts\`) or as tfjs models with \`loadPretrained\`.

The digit weights are derived from MNIST (CC BY-SA 3.0, Y. LeCun, C. Cortes, C. J. C. Burges) and are
shared under the same licence; the face weights come from synthetic images made in this repository.
`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
