/** The lazy-vs-rich figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { LazyRichConfig } from '../../runs/lazy-rich';
import { LAZY_RICH_DEFAULTS } from '../../runs/defaults';
import type { lazyRichSchema } from './schema';

export type LazyRichSettings = SettingsOf<typeof lazyRichSchema>;

/** The width as the paired start needs it: even, at least 2. */
export function evenWidth(width: number): number {
  return Math.max(2, 2 * Math.round(width / 2));
}

export function lazyRichConfig(s: LazyRichSettings, seed: number): LazyRichConfig {
  return {
    ...LAZY_RICH_DEFAULTS,
    angles: [...LAZY_RICH_DEFAULTS.angles],
    seed,
    width: evenWidth(s.width),
    alphas: [s.lazyAlpha, s.richAlpha],
    stepSize: s.stepSize,
  };
}
