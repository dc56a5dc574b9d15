// The crossbar figures' runs on the shipped nets: the weights match their manifests' SHA-256 and
// score as stated; the chip answers its live settings (spread, stuck devices, broken devices, ternary
// margin, digit) without a restart; the robustness run computes its points in order and ends.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../../src/lib/data/source-node';
import { nodeModelSource, DEFAULT_MODELS_DIR } from '../../../../src/lib/classifiers/pretrained-node';
import { loadBinaryNet, encodeBinaryNet, decodeBinaryNet } from '../../../../src/lib/hardware/weights';
import { accuracy, signWeights, trainedStatistics } from '../../../../src/lib/hardware/binary-net';
import { ChipRun, parseBroken, WINDOW_COLS, WINDOW_ROWS, type ChipConfig } from '../../../../src/chapters/binary-crossbar/runs/chip';
import { BerCurveRun } from '../../../../src/chapters/binary-crossbar/runs/ber-curve';
import { loadDigits } from '../../../../src/chapters/binary-crossbar/runs/data';
import { chipConfig } from '../../../../src/chapters/binary-crossbar/widgets/crossbar-chip/config';
import { chipSchema } from '../../../../src/chapters/binary-crossbar/widgets/crossbar-chip/schema';
import { defaults } from '../../../../src/settings/schema';

const models = nodeModelSource(`${DEFAULT_MODELS_DIR}binary-crossbar/`);

describe('shipped crossbar nets', () => {
  it('match their manifests and score as stated (first 2,000 test digits ≥ 92%)', async () => {
    const { test } = await loadDigits(nodeSource(), 10, 2000);
    for (const name of ['standard', 'error-aware']) {
      const { manifest, net } = await loadBinaryNet(models, name);
      const bytes = await readFile(`${DEFAULT_MODELS_DIR}binary-crossbar/${manifest.file}`);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(manifest.sha256);
      expect(bytes.length).toBe(manifest.bytes);
      expect(manifest.sizes).toEqual([784, 512, 512, 10]);
      expect(accuracy(net, signWeights(net), trainedStatistics(net), test.x, test.labels, test.n)).toBeGreaterThan(0.92);
      // Encoding what was decoded gives the same bytes (float16 round trip is exact on stored values).
      expect(Buffer.from(encodeBinaryNet(decodeBinaryNet(manifest.sizes, new Uint8Array(bytes)))).equals(bytes)).toBe(true);
    }
  });
});

describe('the chip run', () => {
  const base: ChipConfig = { ...chipConfig({ ...defaults(chipSchema), testDigits: 500 }, 1, 'unused://'), sigma: 0.3 };

  it('parses the devices broken by hand and ignores malformed entries', () => {
    expect(parseBroken('12:bl:lrs,7:blbar:hrs,x:bl:lrs,3:up:hrs,,5:bl:maybe')).toEqual([
      { index: 12, side: 'bl', state: 'lrs' },
      { index: 7, side: 'blbar', state: 'hrs' },
    ]);
  });

  it('applies live settings without a restart: spread, stuck devices, a broken device, the ternary margin, the digit', async () => {
    const run = await ChipRun.create(base, nodeSource(), models);
    const clean = run.evaluate();
    expect(clean.accuracy).toBeGreaterThan(0.9);
    expect(clean.wrong).toBeLessThan(1e-4);
    expect(clean.window.index).toHaveLength(WINDOW_ROWS.length * WINDOW_COLS.length);
    expect(clean.window.iBL).toHaveLength(WINDOW_COLS.length);
    expect(clean.digit.label).toBe(7);
    // A wide spread: the bit error rate our model gives is what the chip reads.
    run.update({ sigma: 2 });
    const noisy = run.evaluate();
    expect(noisy.modelBer).toBeGreaterThan(0.2);
    expect(Math.abs(noisy.wrong - noisy.modelBer)).toBeLessThan(0.01);
    expect(noisy.accuracy).toBeLessThan(clean.accuracy - 0.02);
    // Stuck devices.
    run.update({ sigma: 0.3, stuck: 0.2 });
    const stuck = run.evaluate();
    expect(stuck.stuckDevices).toBeGreaterThan(0.19 * 2 * 669_696);
    expect(stuck.wrong).toBeGreaterThan(0.02);
    // A pair broken by hand, both devices stuck the wrong way round: its weight reads flipped.
    run.update({ stuck: 0 });
    const k = clean.window.index[0];
    const [low, high] = clean.window.written[0] > 0 ? ['bl', 'blbar'] : ['blbar', 'bl'];
    run.update({ broken: `${k}:${low}:hrs,${k}:${high}:lrs` });
    const broken = run.evaluate();
    expect(broken.window.stuckBL[0] + broken.window.stuckBLbar[0]).toBe(3);
    expect(broken.window.read[0]).toBe(-clean.window.written[0]);
    // Ternary: zeros appear where devices are close.
    run.update({ broken: '', sigma: 1, margin: 0.5 });
    expect(run.evaluate().zeros).toBeGreaterThan(0.05);
    run.update({ digit: 1 });
    expect(run.evaluate().digit.label).toBe(2);
    run.dispose();
  }, 60_000);
});

describe('the robustness run', () => {
  // (Finishing all 47 points is the end-to-end test's job: tests/e2e/binary-crossbar.spec.ts.)
  it('computes clean, magnitude flips, then the four curves point by point', async () => {
    const run = await BerCurveRun.create({ seed: 1, testSize: 300, margin: 0.25, modelsUrl: 'unused://' }, nodeSource(), models);
    expect(run.evaluate().clean).toBeNull();
    run.train(3);
    const m = run.evaluate();
    expect(m.clean).toBeGreaterThan(0.9);
    expect(m.smallest! - m.largest!).toBeGreaterThan(0.1);
    expect(m.curves.standard.every((v) => v === null)).toBe(true);
    run.train(4);
    const first = run.evaluate();
    expect(first.step).toBe(7);
    expect(first.total).toBe(3 + 4 * first.bers.length);
    expect(first.curves.ternary[0]).not.toBeNull();
    expect(first.curves.standard[1]).toBeNull();
  }, 60_000);
});
