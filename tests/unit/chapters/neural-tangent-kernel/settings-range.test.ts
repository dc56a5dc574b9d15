// Nothing breaks on any setting in range: for each figure, every number setting at its two ends and
// every option of every menu (one at a time, from the defaults) builds a run from the widget's config,
// and a few steps later its metrics are plain data whose numbers are finite, or the run says it
// diverged (which the figure reports and names). The page draws these numbers, so a NaN that slipped
// through would be a broken path on screen.
import { describe, expect, it } from 'vitest';
import { EigenDirectionsRun, KernelMotionRun, LazyRichRun, WidthEnsembleRun } from '../../../../src/chapters/neural-tangent-kernel/runs';
import { eigenConfig } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/config';
import { eigenSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/schema';
import { kernelMotionConfig } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/config';
import { kernelMotionSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/schema';
import { lazyRichConfig } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/config';
import { lazyRichSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/schema';
import { widthConfig } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/config';
import { widthSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/schema';
import { defaults, type SettingValue, type WidgetSchema } from '../../../../src/settings/schema';
import { blownUp } from '../../../../src/chapters/neural-tangent-kernel/widgets/common/schedule';

/** Each setting's extremes (numbers) or options (menus), one at a time; page-only settings are skipped. */
function variants(schema: WidgetSchema): { key: string; value: SettingValue }[] {
  return schema.settings.flatMap((s) => (s.live === 'page' ? [] : s.type === 'number' ? [s.min, s.max] : s.type === 'select' ? s.options.map((o) => o.value) : [true, false]).map((value) => ({ key: s.key, value })));
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

interface Run {
  train(steps: number): { step: number; loss: number; diverged: boolean };
  evaluate(): unknown;
}

const figures: [string, WidgetSchema, (settings: never) => Run][] = [
  ['ntk-width', widthSchema, (s) => new WidthEnsembleRun(widthConfig(s, 1))],
  ['ntk-kernel-motion', kernelMotionSchema, (s) => new KernelMotionRun(kernelMotionConfig(s, 1))],
  ['ntk-eigen', eigenSchema, (s) => new EigenDirectionsRun(eigenConfig(s, 1))],
  ['ntk-lazy-rich', lazyRichSchema, (s) => new LazyRichRun(lazyRichConfig(s, 1))],
];

describe.each(figures)('%s at the ends of its settings', (_tag, schema, make) => {
  it.each(variants(schema).map((v) => [`${v.key} = ${v.value}`, v] as const))('%s: finite metrics, or a run that says it diverged', (_name, { key, value }) => {
    const run = make({ ...defaults(schema), [key]: value } as never);
    expect(allFinite(run.evaluate())).toBe(true);
    const r = run.train(3);
    if (!blownUp({ ...r, steps: 3 })) expect(allFinite(run.evaluate())).toBe(true);
  });
});
