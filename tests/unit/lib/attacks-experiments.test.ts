// The chapter's three reproduce experiments at a reduced size, on the shipped weights: the
// direction and ordering of science.md's bands, not their exact numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { nodeModelSource } from '../../../src/lib/classifiers/pretrained-node';
import { loadPretrained } from '../../../src/lib/classifiers/pretrained';
import type { Classifier } from '../../../src/lib/classifiers/classifier';
import { loadTestSet } from '../../../src/chapters/adversarial-attacks/runs/models';
import { blackboxNes, fgsmSweep, robustnessTable, scoreAttack, type TestSet } from '../../../src/chapters/adversarial-attacks/runs/tables';
import { formatBlackbox, formatFgsmSweep, formatRobustness } from '../../../src/chapters/adversarial-attacks/format';

const models: Record<string, Classifier> = {};
let test: TestSet;

beforeAll(async () => {
  await initNodeBackend('wasm');
  for (const name of ['softmax', 'mlp', 'mlp-fgsm', 'mlp-pgd']) models[name] = (await loadPretrained(name, nodeModelSource())).model;
  test = await loadTestSet(nodeSource(), 150);
});

afterAll(() => {
  Object.values(models).forEach((m) => m.dispose());
  tf.dispose([test.x, test.y]);
});

describe('fgsm-softmax', () => {
  it('softmax regression: FGSM error grows with ε and passes 90% at ε = 0.25', () => {
    const rows = fgsmSweep(models.softmax, test, [0, 0.1, 0.25]);
    expect(rows[0].error).toBeLessThan(0.15);
    expect(rows[1].error).toBeGreaterThan(rows[0].error);
    expect(rows[2].error).toBeGreaterThanOrEqual(0.9);
    expect(formatFgsmSweep(rows)).toContain('| 0.25 |');
  });
});

describe('robustness-mlp', () => {
  const fgsm25 = { kind: 'fgsm', epsilon: 0.25 } as const;
  const pgd30 = { kind: 'pgd', epsilon: 0.3, iterations: 20, stepSize: 0.02, seed: 0 } as const;
  const pgd10 = { kind: 'pgd', epsilon: 0.1, iterations: 20, stepSize: 0.01, seed: 0 } as const;

  it('FGSM collapses the clean MLP; FGSM training looks robust to FGSM, yet PGD collapses it', () => {
    const rows = robustnessTable(
      [
        { name: 'clean-trained', model: models.mlp },
        { name: 'FGSM-trained', model: models['mlp-fgsm'] },
      ],
      test,
      [{ kind: 'none' }, fgsm25, pgd30],
    );
    const [cleanNet, fgsmNet] = rows.map((r) => r.scores.map((s) => s.accuracy));
    expect(cleanNet[0]).toBeGreaterThan(0.9);
    expect(cleanNet[1]).toBeLessThan(0.1); // FGSM 0.25 collapses it
    expect(cleanNet[2]).toBeLessThanOrEqual(cleanNet[1]);
    expect(fgsmNet[0]).toBeGreaterThan(0.9);
    expect(fgsmNet[1]).toBeGreaterThan(0.5); // looks robust to FGSM ...
    expect(fgsmNet[2]).toBeLessThan(0.1); // ... but PGD breaks it: false robustness
    expect(formatRobustness(rows)).toContain('FGSM-trained');
  });

  it('PGD training at ε = 0.1 holds up against PGD at ε = 0.1, where the clean MLP does not', () => {
    const clean = scoreAttack(models.mlp, test, pgd10).accuracy;
    const robust = scoreAttack(models['mlp-pgd'], test, pgd10).accuracy;
    expect(robust).toBeGreaterThan(0.6);
    expect(robust).toBeGreaterThan(clean + 0.3);
    expect(scoreAttack(models['mlp-pgd'], test, { kind: 'none' }).accuracy).toBeGreaterThan(0.9);
  });
});

describe('blackbox-nes', () => {
  it('fools the clean MLP on most images within the query budget, from outputs alone', () => {
    const before = tf.memory().numTensors;
    const s = blackboxNes(models.mlp, test, 6, { epsilon: 0.3, maxQueries: 20_000 });
    expect(s.attacked).toBe(6);
    expect(s.successes).toBeGreaterThanOrEqual(5);
    expect(s.maxLinf).toBeLessThanOrEqual(0.3 + 1e-6);
    expect(s.medianQueries).toBeLessThan(10_000);
    expect(tf.memory().numTensors).toBe(before);
    expect(formatBlackbox(s, 0.3, 20_000)).toContain('success rate');
  });
});
