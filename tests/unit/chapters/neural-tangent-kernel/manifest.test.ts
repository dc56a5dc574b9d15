// The chapter as the house sees it: in the one chapter list after feedback alignment, each widget tag
// with its schema and run kind, the run kinds' live keys derived from the schemas (and each one a key
// the run's update applies), the configs pure functions of settings and seed; and the figures'
// schedule: when they evaluate, how fast they play, and what counts as blown up.
import { describe, expect, it } from 'vitest';
import { chapters, runKindLoaders, widgetLoaders } from '../../../../src/chapters';
import { neuralTangentKernel } from '../../../../src/chapters/neural-tangent-kernel';
import { EIGEN_DIRECTIONS_LIVE_KEYS, KERNEL_MOTION_LIVE_KEYS, LAZY_RICH_LIVE_KEYS, WIDTH_ENSEMBLE_LIVE_KEYS } from '../../../../src/chapters/neural-tangent-kernel/runs';
import { FIT_EVALS, FLOW_EVALS, blownUp, nextEvalStep, paceAt } from '../../../../src/chapters/neural-tangent-kernel/widgets/common/schedule';
import { widthConfig } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/config';
import { widthSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/schema';
import { defaults } from '../../../../src/settings/schema';

describe('the NTK chapter manifest', () => {
  it('comes after feedback alignment in the chapter list, with four widgets and four run kinds', async () => {
    const slugs = chapters.map((c) => c.slug);
    expect(slugs.indexOf('neural-tangent-kernel')).toBeGreaterThan(slugs.indexOf('feedback-alignment'));
    const tags = ['ntk-width', 'ntk-kernel-motion', 'ntk-eigen', 'ntk-lazy-rich'];
    expect(Object.keys(neuralTangentKernel.widgets)).toEqual(tags);
    for (const tag of tags) expect(widgetLoaders[tag]).toBe(neuralTangentKernel.widgets[tag]);
    const schemas = await neuralTangentKernel.schemas();
    expect(schemas.map((s) => s.schema.tag)).toEqual(tags);
    // Each widget trains the run kind of its own name.
    expect(schemas.map((s) => s.kind?.name)).toEqual(tags);
    const live: Record<string, readonly string[]> = {};
    for (const tag of tags) {
      const entry = await runKindLoaders[tag]();
      expect(entry.kind.name).toBe(tag);
      live[tag] = entry.liveKeys;
    }
    expect(live).toEqual({ 'ntk-width': ['stepSize'], 'ntk-kernel-motion': ['heatmapWidth', 'stepSize'], 'ntk-eigen': ['stepSize'], 'ntk-lazy-rich': ['stepSize'] });
    // …and every one is a key the run's update applies.
    const applied: Record<string, readonly string[]> = { 'ntk-width': WIDTH_ENSEMBLE_LIVE_KEYS, 'ntk-kernel-motion': KERNEL_MOTION_LIVE_KEYS, 'ntk-eigen': EIGEN_DIRECTIONS_LIVE_KEYS, 'ntk-lazy-rich': LAZY_RICH_LIVE_KEYS };
    for (const tag of tags) for (const key of live[tag]) expect(applied[tag]).toContain(key);
  });

  it('builds a run config from settings and seed alone: plain data, same in, same out', () => {
    const a = widthConfig(defaults(widthSchema), 3);
    const b = widthConfig(defaults(widthSchema), 3);
    expect(a).toEqual(b);
    expect(a.angles).not.toBe(b.angles);
    expect(structuredClone(a)).toEqual(a);
    expect(widthConfig({ ...defaults(widthSchema), width: 537.4 }, 1).width).toBe(537);
  });
});

describe('the figures’ schedule', () => {
  it('evaluates every step through the fit, then ever more sparsely', () => {
    const steps = [0];
    while (steps.at(-1)! < 300) steps.push(nextEvalStep(steps.at(-1)!, FIT_EVALS));
    expect(steps.slice(0, 26)).toEqual([...Array.from({ length: 25 }, (_, i) => i), 26]);
    expect(steps).toContain(60);
    expect(steps.filter((s) => s > 60 && s <= 200)).toEqual([70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200]);
    expect(steps.at(-1)).toBe(300);
    expect(nextEvalStep(119, FLOW_EVALS)).toBe(120);
    expect(nextEvalStep(120, FLOW_EVALS)).toBe(125);
    // A run whose step falls between two evaluations (a changed schedule) rejoins the grid.
    expect(nextEvalStep(203, FIT_EVALS)).toBe(225);
  });

  it('plays slowly through the fit and fast after', () => {
    expect(paceAt([[24, 6], [Infinity, 250]], 0)).toBe(6);
    expect(paceAt([[24, 6], [Infinity, 250]], 24)).toBe(250);
  });

  it('calls a run blown up on a non-finite or huge training error, and judges nothing from no steps', () => {
    expect(blownUp({ loss: 0.3, diverged: false, steps: 5 })).toBe(false);
    expect(blownUp({ loss: 0.3, peakLoss: 2e6, diverged: false, steps: 5 })).toBe(true);
    expect(blownUp({ loss: Infinity, diverged: false, steps: 1 })).toBe(true);
    expect(blownUp({ loss: NaN, diverged: false, steps: 1 })).toBe(true);
    expect(blownUp({ loss: NaN, diverged: false, steps: 0 })).toBe(false);
    expect(blownUp({ loss: 0.1, diverged: true, steps: 0 })).toBe(true);
  });
});
