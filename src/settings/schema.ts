/**
 * The settings schema: one declarative table per widget drives its controls, its URL state,
 * its validation and the attributes the essay build accepts on its tag.
 * Pure data and pure functions: no DOM, so the essay build can import it in Node.
 */

interface SettingBase<K extends string = string> {
  /** camelCase key in code; the tag attribute and URL key use kebab-case (see `attributeName`). */
  key: K;
  label: string;
  help?: string;
  /**
   * Changes without a reset. true: the run takes it mid-run (it changes the run's config, and the
   * run kind's live keys are derived from it: see `liveConfigKeys`); 'page': only the page's drawing
   * changes (e.g. which view a chart shows). Absent: changing it starts a new run.
   */
  live?: true | 'page';
}

export interface NumberSetting<K extends string = string> extends SettingBase<K> {
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

export interface SelectSetting<K extends string = string, V extends string = string> extends SettingBase<K> {
  type: 'select';
  options: readonly { value: V; label: string }[];
  default: V;
}

export interface ToggleSetting<K extends string = string> extends SettingBase<K> {
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
  settings: readonly Setting[];
  /**
   * About the figure's final height in rem, at laptop and at phone width (≤ 34rem), reserved until
   * its code and data arrive so the page does not jump as figures load (the essay writes it on the tag).
   */
  reserve?: { wide: number; narrow: number };
}

/** The value type of one setting: number, boolean, or the union of a select's option values. */
export type ValueOf<T extends Setting> = T extends { type: 'number' }
  ? number
  : T extends { type: 'toggle' }
    ? boolean
    : T extends { type: 'select'; options: readonly { value: infer V }[] }
      ? V
      : never;

/**
 * A widget's settings, typed from its schema (declare the schema `as const satisfies WidgetSchema`):
 * `SettingsOf<typeof faCompareSchema>` is `{ backprop: boolean; optimizer: 'sgd' | 'adam'; … }`.
 */
export type SettingsOf<S extends WidgetSchema> = { [T in S['settings'][number] as T['key']]: ValueOf<T> };

/** Attributes every widget tag accepts besides its settings. */
export const COMMON_ATTRIBUTES = ['id', 'seed', 'class', 'caption', 'autoplay'] as const;

export function attributeName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Every attribute name the tag may carry: the common ones plus each setting's kebab-case key. */
export function allowedAttributes(schema: WidgetSchema): string[] {
  return [...COMMON_ATTRIBUTES, ...schema.settings.map((s) => attributeName(s.key))];
}

export function isSettingValue(value: unknown): value is SettingValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** The setting of `schema` with this key (a programming error if there is none). */
export function findSetting(schema: WidgetSchema, key: string): Setting {
  const setting = schema.settings.find((s) => s.key === key);
  if (!setting) throw new Error(`${schema.tag} has no setting "${key}"`);
  return setting;
}

export function defaults<S extends WidgetSchema>(schema: S): SettingsOf<S> {
  return Object.fromEntries(schema.settings.map((s) => [s.key, s.default])) as SettingsOf<S>;
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

/** Values a setting can take that a probe of its effect should try: a number's ends and middle, every option, both states. */
function probeValues(setting: Setting): SettingValue[] {
  switch (setting.type) {
    case 'number':
      return [setting.min, setting.max, clampNumber(setting, (setting.min + setting.max) / 2)];
    case 'select':
      return setting.options.map((o) => o.value);
    case 'toggle':
      return [true, false];
  }
}

/** The keys whose values differ between two configs (compared by JSON, so arrays compare by content). */
export function changedKeys<C extends object>(before: C, after: C): (keyof C & string)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof C & string>;
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** The entries of `after` whose values differ from `before`'s: the update a live setting sends to its run. */
export function configChanges<C extends object>(before: C, after: C): Partial<C> {
  const update: Partial<C> = {};
  for (const key of changedKeys(before, after)) update[key] = after[key];
  return update;
}

/**
 * The config keys a widget's live settings can change: for each `live: true` setting, the keys of
 * `toConfig(settings)` that differ when that setting alone takes each of its probe values. This is
 * how a run kind's live keys come from the schema, its one source.
 */
export function liveConfigKeys<S extends WidgetSchema, C extends object>(schema: S, toConfig: (settings: SettingsOf<S>) => C): string[] {
  const base = defaults(schema);
  const reference = toConfig(base);
  const keys = new Set<string>();
  for (const setting of schema.settings) {
    if (setting.live !== true) continue;
    for (const value of probeValues(setting)) {
      for (const key of changedKeys(reference, toConfig({ ...base, [setting.key]: value }))) keys.add(key);
    }
  }
  return [...keys];
}
