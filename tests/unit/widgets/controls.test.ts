// @vitest-environment jsdom
// Controls generated from a schema: labelled, described, keyboard-operable, always valid values.
import { describe, expect, it, vi } from 'vitest';
import { buildControls, buildSeedControl } from '../../../src/widgets/base/controls';
import { fromLogPosition, logPositions, toLogPosition } from '../../../src/widgets/base/format';
import { overfitSchema } from '../../../src/chapters/introduction/widgets/overfit/schema';
import { defaults, type NumberSetting, type Setting } from '../../../src/settings/schema';

function mount(onCommit = vi.fn(), onInput = vi.fn()) {
  const controls = buildControls({ schema: overfitSchema, values: defaults(overfitSchema), onCommit, onInput });
  document.body.replaceChildren(controls.element);
  return { controls, onCommit, onInput };
}

const lr = overfitSchema.settings.find((s) => s.key === 'learningRate') as NumberSetting;

describe('controls from a schema', () => {
  it('gives every setting a native control with a <label for> and help via aria-describedby', () => {
    mount();
    for (const setting of overfitSchema.settings as readonly Setting[]) {
      const wrapper = document.querySelector<HTMLElement>(`[data-key="${setting.key}"]`)!;
      const input = wrapper.querySelector<HTMLInputElement | HTMLSelectElement>('input, select')!;
      expect(input.tagName).toBe(setting.type === 'select' ? 'SELECT' : 'INPUT');
      if (setting.type === 'number') expect(input.getAttribute('type')).toBe('range');
      const label = document.querySelector<HTMLLabelElement>(`label[for="${input.id}"]`)!;
      expect(label.textContent).toContain(setting.label);
      const help = document.getElementById(input.getAttribute('aria-describedby')!)!;
      expect(help.textContent).toContain(setting.help!);
      expect(help.textContent).toMatch(setting.live ? /Applies immediately/ : /restarts training/);
      expect(label.textContent).toMatch(setting.live ? /live/ : /resets/);
    }
    // Each id is unique in the document.
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a range shows its value live and commits a clamped, snapped value', () => {
    const { onCommit, onInput } = mount();
    const range = document.querySelector<HTMLInputElement>('[data-key="trainSize"] input')!;
    const readout = document.querySelector('[data-key="trainSize"] output')!;
    expect(readout.textContent).toBe('500');
    range.value = '2000';
    range.dispatchEvent(new Event('input'));
    expect(readout.textContent).toBe('2,000');
    expect(range.getAttribute('aria-valuetext')).toBe('2,000');
    expect(onInput).toHaveBeenLastCalledWith('trainSize', 2000, expect.objectContaining({ key: 'trainSize' }));
    expect(onCommit).not.toHaveBeenCalled();
    range.dispatchEvent(new Event('change'));
    expect(onCommit).toHaveBeenLastCalledWith('trainSize', 2000, expect.anything());
  });

  it('a log-scale slider moves in multiplicative steps and reads round values', () => {
    const { onCommit } = mount();
    const range = document.querySelector<HTMLInputElement>('[data-key="learningRate"] input')!;
    expect(range.max).toBe(String(logPositions(lr)));
    expect(fromLogPosition(lr, toLogPosition(lr, 0.001))).toBe(0.001);
    range.value = String(Number(range.value) + logPositions(lr) / 5); // one decade up
    range.dispatchEvent(new Event('change'));
    expect(onCommit).toHaveBeenLastCalledWith('learningRate', 0.01, expect.anything());
    expect(fromLogPosition(lr, 0)).toBe(lr.min);
    expect(fromLogPosition(lr, logPositions(lr))).toBe(lr.max);
    // Intermediate positions give two significant digits.
    expect(String(fromLogPosition(lr, toLogPosition(lr, 0.001) + 1))).toMatch(/^0\.00\d\d?$/);
  });

  it('a select and set() keep values valid', () => {
    const { controls, onCommit } = mount();
    const select = controls.input('activation') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['relu', 'tanh', 'sigmoid']);
    select.value = 'tanh';
    select.dispatchEvent(new Event('change'));
    expect(onCommit).toHaveBeenLastCalledWith('activation', 'tanh', expect.anything());
    controls.set({ trainSize: 100000, activation: 'sigmoid' });
    expect((controls.input('trainSize') as HTMLInputElement).value).toBe('10000');
    expect(select.value).toBe('sigmoid');
  });

  it('the seed box accepts 32-bit integers only and reports real changes', () => {
    const onCommit = vi.fn();
    const seed = buildSeedControl(3, onCommit);
    document.body.replaceChildren(seed.element);
    expect(document.querySelector(`label[for="${seed.input.id}"]`)?.textContent).toContain('Seed');
    expect(seed.input.dataset.testid).toBe('seed');
    seed.input.value = '12';
    seed.input.dispatchEvent(new Event('change'));
    expect(onCommit).toHaveBeenLastCalledWith(12);
    seed.input.value = '-1';
    seed.input.dispatchEvent(new Event('change'));
    expect(seed.input.value).toBe('12');
    seed.input.value = 'abc';
    seed.input.dispatchEvent(new Event('change'));
    expect(onCommit).toHaveBeenCalledTimes(1);
  });
});
