// `npm run reproduce -- shift-invariance | picasso | blurpool-seeds` at a reduced size: the tables come
// out, and the science.md bands that hold even for briefly trained nets do hold (an MLP and flatten
// CNNs lose most digits at 3 px; the global-average net keeps them; ±2 px augmentation does not
// reach 6 px). The bands that need full training are checked by the full runs (see the report).
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../src/lib/data/source-node';
import { experiments, runPicasso, runShiftInvariance } from '../../../src/chapters/cnn-pooling/reproduce';
import { shiftBands } from '../../../src/chapters/cnn-pooling/tables';

const options = (steps: number) => ({ seed: 1, quick: true, steps, flags: { 'test-size': '150' }, source: nodeSource(), progress: () => {} });

describe('reproduce at a reduced size', () => {
  it('shift-invariance: the five nets, their tables, and the bands that hold after a short training', async () => {
    const r = await runShiftInvariance(options(16));
    expect(Object.keys(r.scores)).toEqual(['mlp', 'max', 'blur', 'gap', 'augmented']);
    const bands = Object.fromEntries(shiftBands(r.scores).map((b) => [b.name, b.hit]));
    expect(bands['MLP ≤ 60% at 3 px']).toBe(true);
    expect(bands['CNN, max-pool ≤ 75% at 3 px']).toBe(true);
    expect(bands['CNN, MaxBlurPool ≤ 75% at 3 px']).toBe(true);
    expect(bands['global pool loses ≤ 5 points up to 3 px']).toBe(true);
    expect(bands['global pool loses ≤ 12 points at 6 px']).toBe(true);
    expect(bands['±2 px augmentation ≤ 60% at 6 px']).toBe(true);
    // trained a little: every net beats chance on unshifted digits, and the MLP learns fastest
    for (const s of Object.values(r.scores)) expect(s!.accuracy[0]).toBeGreaterThan(0.1);
    expect(r.scores.mlp!.accuracy[0]).toBeGreaterThan(0.6);
    expect(r.scores.gap!.consistency).toBeGreaterThan(r.scores.max!.consistency);
    expect(r.markdown).toMatch(/\| CNN, global average pool \|/);
    expect(r.markdown).toMatch(/science\.md's bands/);
  });

  it('picasso: quadrant and face tables; the CNNs learn faces vs non-faces in a few steps', async () => {
    const r = await runPicasso(options(16));
    expect(Object.keys(r.faces)).toHaveLength(5);
    expect(r.faces.max!.accuracy).toBeGreaterThan(0.8);
    for (const q of Object.values(r.quadrants)) expect(q!.keepsLabel).toBeLessThanOrEqual(1);
    expect(r.markdown).toMatch(/scrambled faces called face/);
  });

  it('lists its experiments', () => {
    expect(Object.keys(experiments)).toEqual(['shift-invariance', 'equivariance', 'blurpool-seeds', 'picasso']);
  });
});
