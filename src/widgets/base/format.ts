/**
 * How settings read on screen, and the log-scale slider's mapping between positions and values.
 */
import { clampNumber, type NumberSetting, type Setting, type SettingValue } from '../../settings/schema';
import { groupNumber, isFrench, localNumber, t } from '../../i18n/t';

/** 0.001 → "0.001", 0.0001 → "1e-4", 10 → "10", 1234 → "1,234" (French pages: "0,001", "1 234"). */
export function compactNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(1).replace(/\.0e/, 'e').replace('e+', 'e');
  const rounded = Number(v.toPrecision(3));
  return Number.isInteger(rounded) ? groupNumber(rounded) : localNumber(String(rounded));
}

export function formatValue(setting: Setting, value: SettingValue): string {
  switch (setting.type) {
    case 'toggle':
      return value ? t('on') : t('off');
    case 'select': {
      const option = setting.options.find((o) => o.value === value);
      return option ? t(option.label) : String(value);
    }
    case 'number': {
      const v = Number(value);
      switch (setting.format) {
        case 'int':
          return groupNumber(Math.round(v));
        case 'percent':
          return localNumber(`${(v * 100).toFixed(1)}${isFrench() ? '\u202f' : ''}%`);
        case 'fixed2':
          return localNumber(v.toFixed(2));
        default:
          return compactNumber(v);
      }
    }
  }
}

/** Slider positions per decade of a log-scale setting (each arrow press multiplies by ~1.12). */
export const LOG_STEPS_PER_DECADE = 20;

export function logPositions(setting: NumberSetting): number {
  return Math.max(1, Math.round(Math.log10(setting.max / setting.min) * LOG_STEPS_PER_DECADE));
}

/** The slider position nearest to a value. */
export function toLogPosition(setting: NumberSetting, value: number): number {
  const t = Math.log10(value / setting.min) / Math.log10(setting.max / setting.min);
  return Math.min(logPositions(setting), Math.max(0, Math.round(t * logPositions(setting))));
}

/** The value at a slider position, rounded to two significant digits (1.3e-3, not 1.2589e-3). */
export function fromLogPosition(setting: NumberSetting, position: number): number {
  const t = position / logPositions(setting);
  const raw = setting.min * Math.pow(setting.max / setting.min, t);
  return clampNumber(setting, Number(raw.toPrecision(2)));
}
