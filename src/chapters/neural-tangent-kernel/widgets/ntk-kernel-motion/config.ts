/** The kernel-motion figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { KernelMotionConfig } from '../../runs/kernel-motion';
import { KERNEL_MOTION_DEFAULTS } from '../../runs/defaults';
import { MOTION_WIDTHS, type kernelMotionSchema } from './schema';

export type KernelMotionSettings = SettingsOf<typeof kernelMotionSchema>;

/** The width a heatmap-menu value stands for. */
export function heatmapWidthOf(value: KernelMotionSettings['heatmapWidth']): number {
  return MOTION_WIDTHS.find((w) => w.value === value)?.width ?? MOTION_WIDTHS[0].width;
}

export function kernelMotionConfig(s: KernelMotionSettings, seed: number): KernelMotionConfig {
  return {
    ...KERNEL_MOTION_DEFAULTS,
    angles: [...KERNEL_MOTION_DEFAULTS.angles],
    seed,
    widths: MOTION_WIDTHS.map((w) => w.width),
    members: Math.round(s.networks),
    heatmapWidth: heatmapWidthOf(s.heatmapWidth),
    stepSize: s.stepSize,
  };
}
