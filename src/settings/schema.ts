/**
 * The settings schema: one declarative table per widget drives its controls, its URL state,
 * its validation and the attributes the essay build accepts on its tag.
 * Pure data and pure functions: no DOM, so the essay build can import it in Node.
 */

interface SettingBase {
  /** camelCase key in code; the tag attribute and URL key use kebab-case (see `attributeName`). */
  key: string;
  label: string;
  help?: string;
  /** true: can change mid-run without a reset (e.g. learning rate); false: changing it resets the run. */
  live?: boolean;
}

export interface NumberSetting extends SettingBase {
  type: 'number';
  min: number;
  max: number;
  step: number;
  default: number;
  /** 'log': the slider moves in log space (learning rates). */
  scale?: 'linear' | 'log';
  /** Optional display formatter name: 'int' | 'percent' | 'sci'. */
  format?: 'int' | 'percent' | 'sci' | 'fixed2';
}

export interface SelectSetting extends SettingBase {
  type: 'select';
  options: { value: string; label: string }[];
  default: string;
}

export interface ToggleSetting extends SettingBase {
  type: 'toggle';
  default: boolean;
}

export type Setting = NumberSetting | SelectSetting | ToggleSetting;
export type SettingValue = number | string | boolean;
export type Settings = Record<string, SettingValue>;

export interface WidgetSchema {
  /** The custom element tag, e.g. 'overfit-mlp'. */
  tag: string;
  /** Human title shown above the widget and in its figure caption. */
  title: string;
  settings: Setting[];
}

/** Attributes every widget tag accepts besides its settings. */
export const COMMON_ATTRIBUTES = ['id', 'seed', 'class', 'caption', 'autoplay'] as const;

export function attributeName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Every attribute name the tag may carry: the common ones plus each setting's kebab-case key. */
export function allowedAttributes(schema: WidgetSchema): string[] {
  return [...COMMON_ATTRIBUTES, ...schema.settings.map((s) => attributeName(s.key))];
}

export function defaults(schema: WidgetSchema): Settings {
  return Object.fromEntries(schema.settings.map((s) => [s.key, s.default]));
}

/**
 * Parse one raw string (from an attribute or the URL) into a valid value for the setting:
 * numbers are clamped to [min, max] and snapped to the step; anything malformed returns the default.
 * Never throws.
 */
export function parseSetting(setting: Setting, raw: string | null | undefined): SettingValue {
  if (raw === null || raw === undefined) return setting.default;
  const text = String(raw).trim();
  switch (setting.type) {
    case 'number': {
      if (text === '') return setting.default;
      const n = Number(text);
      if (!Number.isFinite(n)) return setting.default;
      return clampNumber(setting, n);
    }
    case 'select':
      return setting.options.some((o) => o.value === text) ? text : setting.default;
    case 'toggle':
      if (text === '1' || text === 'true' || text === 'on' || text === '') return true;
      if (text === '0' || text === 'false' || text === 'off') return false;
      return setting.default;
  }
}

export function clampNumber(setting: NumberSetting, n: number): number {
  const clamped = Math.min(setting.max, Math.max(setting.min, n));
  if (setting.scale === 'log') return clamped;
  const snapped = setting.min + Math.round((clamped - setting.min) / setting.step) * setting.step;
  // Round away float noise from the snap (0.1 + 0.2 style) at the step's precision.
  const decimals = Math.max(0, -Math.floor(Math.log10(setting.step)) + 1);
  return Math.min(setting.max, Number(snapped.toFixed(decimals)));
}

/** Serialise one value for the URL or an attribute. */
export function formatSetting(setting: Setting, value: SettingValue): string {
  if (setting.type === 'toggle') return value ? '1' : '0';
  return String(value);
}

/** Read a full, valid settings object from a string lookup (attributes, URL params). */
export function readSettings(schema: WidgetSchema, lookup: (name: string) => string | null | undefined): Settings {
  const out: Settings = {};
  for (const s of schema.settings) out[s.key] = parseSetting(s, lookup(attributeName(s.key)));
  return out;
}

/** Parse a seed: a non-negative 32-bit integer; anything else gives the fallback. */
export function parseSeed(raw: string | null | undefined, fallback = 1): number {
  if (raw === null || raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return fallback;
  return n;
}
