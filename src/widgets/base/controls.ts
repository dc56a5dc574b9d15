/**
 * Controls generated from a widget's settings schema: a labelled range with a live readout for a
 * number (log-scale when the schema says so), a <select>, a checkbox. Every control has a
 * <label for>, its help text wired with aria-describedby, and a hint whether changing it resets
 * the run. Values pass through schema.ts, so a control can never produce an invalid setting.
 */
import { attributeName, clampNumber, parseSeed, parseSetting, type NumberSetting, type Setting, type SettingValue, type Settings, type WidgetSchema } from '../../settings/schema';
import { h, uid } from './dom';
import { formatValue, fromLogPosition, logPositions, toLogPosition } from './format';
import { t } from '../../i18n/t';

export interface ControlsOptions {
  schema: WidgetSchema;
  values: Settings;
  /** Every movement (dragging a slider): for readouts and live settings. */
  onInput?: (key: string, value: SettingValue, setting: Setting) => void;
  /** A committed change (slider released, option chosen, box ticked). */
  onCommit: (key: string, value: SettingValue, setting: Setting) => void;
}

export interface Controls {
  element: HTMLElement;
  /** Show these values (no events fire). */
  set(values: Settings): void;
  /** The control element of a setting (for focus and tests). */
  input(key: string): HTMLInputElement | HTMLSelectElement | undefined;
}

interface Built {
  wrapper: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement;
  show(value: SettingValue): void;
  read(): SettingValue;
}

export function buildControls(options: ControlsOptions): Controls {
  const element = h('div', { class: 'lm-controls', attrs: { role: 'group', 'aria-label': t('Settings') } });
  const built = new Map<string, Built>();
  for (const setting of options.schema.settings) {
    const b = buildOne(setting);
    b.show(options.values[setting.key] ?? setting.default);
    const fireInput = () => {
      const value = b.read();
      if (setting.type === 'number') b.show(value);
      options.onInput?.(setting.key, value, setting);
    };
    const fireCommit = () => options.onCommit(setting.key, b.read(), setting);
    if (setting.type === 'number') {
      b.input.addEventListener('input', fireInput);
      b.input.addEventListener('change', fireCommit);
    } else {
      b.input.addEventListener('change', () => {
        fireInput();
        fireCommit();
      });
    }
    built.set(setting.key, b);
    element.append(b.wrapper);
  }
  return {
    element,
    set(values) {
      for (const [key, b] of built) if (values[key] !== undefined) b.show(values[key]);
    },
    input: (key) => built.get(key)?.input,
  };
}

function labelFor(setting: Setting, id: string): HTMLLabelElement {
  const label = h('label', { attrs: { for: id } }, [h('span', { class: 'lm-label-text', text: t(setting.label) })]);
  label.append(
    setting.live
      ? h('span', { class: 'lm-tag lm-tag-live', text: t('live'), attrs: { title: t('Applies immediately, without restarting training') } })
      : h('span', { class: 'lm-tag lm-tag-resets', text: t('resets'), attrs: { title: t('Changing this restarts training') } }),
  );
  return label;
}

function helpFor(setting: Setting, id: string): HTMLElement {
  const effect = setting.live ? t('Applies immediately.') : t('Changing it restarts training.');
  return h('p', { class: 'lm-help', attrs: { id }, text: `${setting.help ? `${t(setting.help)} ` : ''}${effect}` });
}

function buildOne(setting: Setting): Built {
  const id = uid(`lm-${attributeName(setting.key)}`);
  const helpId = `${id}-help`;
  const wrapper = h('div', { class: `lm-control lm-control-${setting.type}`, attrs: { 'data-key': setting.key, 'data-testid': `setting-${attributeName(setting.key)}` } });
  switch (setting.type) {
    case 'number':
      return buildNumber(setting, id, helpId, wrapper);
    case 'select': {
      const select = h('select', { attrs: { id, name: attributeName(setting.key), 'aria-describedby': helpId } });
      for (const o of setting.options) select.append(h('option', { text: t(o.label), attrs: { value: o.value } }));
      wrapper.append(labelFor(setting, id), select, helpFor(setting, helpId));
      return {
        wrapper,
        input: select,
        show: (v) => {
          select.value = String(v);
        },
        read: () => parseSetting(setting, select.value),
      };
    }
    case 'toggle': {
      const box = h('input', { attrs: { id, type: 'checkbox', name: attributeName(setting.key), 'aria-describedby': helpId } });
      // The box sits inside its label: the whole label is one target for a finger (touch.css).
      const label = labelFor(setting, id);
      label.prepend(box);
      wrapper.append(h('div', { class: 'lm-row' }, [label]), helpFor(setting, helpId));
      return {
        wrapper,
        input: box,
        show: (v) => {
          box.checked = Boolean(v);
        },
        read: () => box.checked,
      };
    }
  }
}

function buildNumber(setting: NumberSetting, id: string, helpId: string, wrapper: HTMLElement): Built {
  const log = setting.scale === 'log';
  const range = h('input', {
    attrs: {
      id,
      type: 'range',
      name: attributeName(setting.key),
      min: log ? 0 : setting.min,
      max: log ? logPositions(setting) : setting.max,
      step: log ? 1 : setting.step,
      'aria-describedby': helpId,
    },
  });
  const readout = h('output', { class: 'lm-readout', attrs: { for: id, 'aria-hidden': 'true' } });
  let current = setting.default;
  const show = (v: SettingValue) => {
    current = clampNumber(setting, Number(v));
    range.value = String(log ? toLogPosition(setting, current) : current);
    const text = formatValue(setting, current);
    readout.textContent = text;
    range.setAttribute('aria-valuetext', text);
  };
  const read = (): SettingValue => {
    const position = Number(range.value);
    const fromSlider = log ? fromLogPosition(setting, position) : clampNumber(setting, position);
    // A value set from the URL may sit between slider positions: keep it until the slider moves.
    if (log && toLogPosition(setting, current) === position) return current;
    return fromSlider;
  };
  wrapper.append(labelFor(setting, id), h('div', { class: 'lm-row' }, [range, readout]), helpFor(setting, helpId));
  return { wrapper, input: range, show, read };
}

export interface SeedControl {
  element: HTMLElement;
  input: HTMLInputElement;
  set(seed: number): void;
}

/** The seed: shown, editable, part of the URL; the same seed gives the same run. */
export function buildSeedControl(seed: number, onCommit: (seed: number) => void): SeedControl {
  const id = uid('lm-seed');
  const helpId = `${id}-help`;
  const input = h('input', {
    class: 'lm-seed-input',
    attrs: { id, type: 'number', min: 0, max: 4294967295, step: 1, inputmode: 'numeric', 'aria-describedby': helpId, 'data-testid': 'seed' },
  });
  input.value = String(seed);
  let current = seed;
  input.addEventListener('change', () => {
    const next = parseSeed(input.value, current);
    input.value = String(next);
    if (next !== current) {
      current = next;
      onCommit(next);
    }
  });
  const element = h('div', { class: 'lm-control lm-control-seed' }, [
    h('label', { attrs: { for: id } }, [h('span', { class: 'lm-label-text', text: t('Seed') }), h('span', { class: 'lm-tag lm-tag-resets', text: t('resets') })]),
    input,
    h('p', { class: 'lm-help', attrs: { id: helpId }, text: t('Fixes the initial weights and the order of the data: the same seed gives the same run. Changing it restarts training.') }),
  ]);
  return {
    element,
    input,
    set(next) {
      current = next;
      input.value = String(next);
    },
  };
}
