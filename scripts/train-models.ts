/**
 * `npx tsx scripts/train-models.ts [name ...] [--backend wasm|cpu] [--dtype float16|float32] [--readme-only]`
 * Trains the Adversarial-attacks chapter's models from their fixed seeds on the shipped MNIST
 * training subset (src/lib/experiments/adversarial-models.ts, RECIPES) and writes each to
 * public/models as <name>.json (manifest) + <name>.bin (weights), then regenerates
 * public/models/README.md from every manifest there. Names: softmax, mlp, mlp-fgsm, mlp-pgd, cnn
 * (default: all, one after the other). --readme-only: just regenerate the README.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initNodeBackend } from './node-tf';
import { nodeSource } from '../src/lib/data/source-node';
import { accuracy, defaultArchitecture } from '../src/lib/classifiers/classifier';
import { PRETRAINED_NAMES, RECIPES, loadTestSet, trainModel, type PretrainedName } from '../src/chapters/adversarial-attacks/runs/models';
import { WEIGHTS_FORMAT, decodeWeights, encodeWeights, type WeightsDtype, type WeightsManifest } from '../src/lib/classifiers/pretrained';
import { DEFAULT_MODELS_DIR } from '../src/lib/classifiers/pretrained-node';
import type { Defence } from '../src/lib/attacks';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      backend: { type: 'string', default: 'wasm' },
      dtype: { type: 'string', default: 'float16' },
      'readme-only': { type: 'boolean', default: false },
    },
  });
  if (values['readme-only']) return writeReadme();
  const names = (positionals.length ? positionals : PRETRAINED_NAMES) as PretrainedName[];
  const unknown = names.filter((n) => !PRETRAINED_NAMES.includes(n));
  if (unknown.length) throw new Error(`Unknown model ${unknown.join(', ')}. Known: ${PRETRAINED_NAMES.join(', ')}`);
  const dtype = values.dtype as WeightsDtype;
  if (dtype !== 'float16' && dtype !== 'float32') throw new Error(`--dtype must be float16 or float32`);
  const backend = await initNodeBackend(values.backend === 'cpu' ? 'cpu' : 'wasm');
  const source = nodeSource();
  const test = await loadTestSet(source);

  for (const name of names) {
    const recipe = RECIPES[name];
    console.log(`${name}: training ${recipe.about} (backend ${backend}) ...`);
    const trained = await trainModel(recipe.kind, recipe.options, source);
    const float32 = accuracy(trained.model, test.x, test.y);
    const { bytes, tensors } = encodeWeights(trained.model, dtype);
    trained.model.dispose();
    const manifest: WeightsManifest = {
      format: WEIGHTS_FORMAT,
      name,
      about: recipe.about,
      architecture: defaultArchitecture(recipe.kind),
      dtype,
      file: `${name}.bin`,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      tensors,
      seed: recipe.options.seed,
      training: {
        ...recipe.options,
        optimizer: 'adam',
        loss: 'softmax cross-entropy',
        data: 'MNIST training subset in public/data (12,000 digits, 1,200 per class), pixels in [0, 1]',
        steps: trained.steps,
        finalBatchLoss: Number(trained.finalLoss.toFixed(5)),
        seconds: Math.round(trained.seconds),
        backend,
      },
      testAccuracy: { float32, stored: NaN, testImages: test.x.shape[0] },
      command: `npx tsx scripts/train-models.ts ${name} --backend ${backend} --dtype ${dtype}`,
    };
    const reloaded = decodeWeights(manifest, bytes);
    manifest.testAccuracy.stored = accuracy(reloaded, test.x, test.y);
    reloaded.dispose();
    await writeFile(join(DEFAULT_MODELS_DIR, manifest.file), bytes);
    await writeFile(join(DEFAULT_MODELS_DIR, `${name}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`  ${trained.steps} steps in ${trained.seconds.toFixed(0)} s; test accuracy ${pct(float32)} (float32), ${pct(manifest.testAccuracy.stored)} (${dtype}); ${bytes.length.toLocaleString('en-US')} bytes`);
  }
  await writeReadme();
}

async function writeReadme(): Promise<void> {
  const files = (await readdir(DEFAULT_MODELS_DIR)).filter((f) => f.endsWith('.json')).sort();
  const manifests: WeightsManifest[] = [];
  for (const f of files) manifests.push(JSON.parse(await readFile(join(DEFAULT_MODELS_DIR, f), 'utf8')) as WeightsManifest);
  const order = (m: WeightsManifest) => PRETRAINED_NAMES.indexOf(m.name as PretrainedName);
  manifests.sort((a, b) => order(a) - order(b));
  const rows = manifests.map((m) => {
    const t = m.training as { epochs: number; batchSize: number; learningRate: number; steps: number; defence?: Defence };
    const d = t.defence;
    const defence = !d ? '—' : d.kind === 'fgsm' ? `FGSM ε ${d.epsilon}, α ${d.alpha}` : `PGD ε ${d.epsilon} (${d.iterations} steps of ${d.stepSize}, random start), α ${d.alpha}`;
    return `| \`${m.name}\` | ${m.about} | ${defence} | ${t.epochs} × batch ${t.batchSize}, lr ${t.learningRate} (${t.steps} steps) | ${m.seed} | ${pct(m.testAccuracy.float32)} | ${pct(m.testAccuracy.stored)} | ${m.dtype} | ${m.bytes.toLocaleString('en-US')} |`;
  });
  const total = manifests.reduce((s, m) => s + m.bytes, 0);
  const text = `# Pretrained models for the Adversarial-attacks chapter

Generated by \`scripts/train-models.ts\` (this file too: edit the script, not this file).
Every model here was trained in this repository, from a fixed seed, on the MNIST training subset
shipped in \`public/data\` (12,000 digits, 1,200 per class; see its README for the data's source and
licence), with Adam and softmax cross-entropy, pixels in [0, 1]. Retrain one with the command in its
manifest, e.g. \`npx tsx scripts/train-models.ts mlp\`, or all with \`npx tsx scripts/train-models.ts\`.
\`npm run reproduce -- robustness-mlp\` trains the same models from the same seeds instead of loading these.

| name | model | adversarial training | schedule | seed | test accuracy (float32) | test accuracy (as stored) | stored as | bytes |
| --- | --- | --- | --- | ---: | ---: | ---: | --- | ---: |
${rows.join('\n')}

Total ${total.toLocaleString('en-US')} bytes of weights. Test accuracy is on all 10,000 MNIST test digits.

## Format

Per model, \`<name>.json\` (the manifest) and \`<name>.bin\` (the weights).

- \`format\`: \`${WEIGHTS_FORMAT}\`; \`architecture\`: \`{kind: 'softmax' | 'mlp', spec: {sizes, activation}}\`
  or \`{kind: 'cnn', spec: {imageSize, inputChannels, conv: [{filters, kernel}], classes}}\`.
- \`tensors\`: name and shape of every parameter, in the order they are stored, back to back, with no
  header or padding, little-endian, as \`dtype\` (IEEE binary16 \`float16\`: round to nearest even).
  MLP: \`layerℓ.weight\` [fanIn, fanOut] for every layer, then \`layerℓ.bias\`. CNN:
  \`convℓ.weight\` [k·k·Cin, Cout] (patch order ki, kj, c = tfjs conv2d filter [k, k, Cin, Cout]
  flattened) and \`convℓ.bias\` per block, then \`dense.weight\` [features, 10] (features in NHWC
  order) and \`dense.bias\`.
- \`sha256\` of the binary; \`seed\`, \`training\` (the recipe, steps, seconds, backend), \`testAccuracy\`
  before and after storage rounding, and \`command\`, the command that wrote the files.

Load one with \`loadPretrained(name, source)\` from \`src/lib/nets/pretrained.ts\`: in the page or a
worker \`source = fetchSource(new URL('models/', document.baseURI))\`, in Node \`nodeModelSource()\`
from \`src/lib/nets/pretrained-node.ts\`.

## Licence

The weights are derived from MNIST (CC BY-SA 3.0, Y. LeCun, C. Cortes, C. J. C. Burges) and are
shared under the same licence.
`;
  await writeFile(join(DEFAULT_MODELS_DIR, 'README.md'), text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
