// @vitest-environment jsdom
// Keyboard map: shortcuts inside the widget, native keys of focused controls left alone.
import { describe, expect, it, vi } from 'vitest';
import { buildTransport, shortcutFor } from '../../../src/widgets/base/transport';

function key(k: string, target: Element | null, mods: Partial<KeyboardEventInit> = {}) {
  return { key: k, target, ctrlKey: false, metaKey: false, altKey: false, ...mods };
}
function el(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div.firstElementChild!;
}

describe('keyboard shortcuts', () => {
  const plain = el('<div tabindex="-1"></div>');
  const range = el('<input type="range">');
  const select = el('<select><option>a</option></select>');
  const button = el('<button>x</button>');
  const number = el('<input type="number">');
  const checkbox = el('<input type="checkbox">');

  it('maps Space, →, R, F and Esc on the widget itself', () => {
    expect(shortcutFor(key(' ', plain))).toBe('toggle');
    expect(shortcutFor(key('ArrowRight', plain))).toBe('step');
    expect(shortcutFor(key('r', plain))).toBe('reset');
    expect(shortcutFor(key('R', plain))).toBe('reset');
    expect(shortcutFor(key('f', plain))).toBe('projector');
    expect(shortcutFor(key('Escape', plain))).toBe('exit');
    expect(shortcutFor(key('x', plain))).toBeNull();
  });

  it('leaves arrows to a focused slider and select, but Space still plays from a slider', () => {
    expect(shortcutFor(key('ArrowRight', range))).toBeNull();
    expect(shortcutFor(key('ArrowRight', select))).toBeNull();
    expect(shortcutFor(key(' ', range))).toBe('toggle');
    expect(shortcutFor(key('r', range))).toBe('reset');
  });

  it('leaves Space to buttons, checkboxes and selects, and every key to text boxes', () => {
    expect(shortcutFor(key(' ', button))).toBeNull();
    expect(shortcutFor(key(' ', checkbox))).toBeNull();
    expect(shortcutFor(key(' ', select))).toBeNull();
    for (const k of [' ', 'ArrowRight', 'r', 'f']) expect(shortcutFor(key(k, number))).toBeNull();
    expect(shortcutFor(key('Escape', number))).toBe('exit');
  });

  it('ignores browser shortcuts with modifiers (Ctrl+R reloads)', () => {
    expect(shortcutFor(key('r', plain, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('f', plain, { metaKey: true }))).toBeNull();
  });
});

describe('transport buttons', () => {
  it('are real buttons with test ids and reflect the playing state', () => {
    const callbacks = { onToggle: vi.fn(), onStep: vi.fn(), onReset: vi.fn() };
    const t = buildTransport(callbacks);
    document.body.replaceChildren(t.element);
    for (const id of ['play', 'step', 'reset']) expect(document.querySelector(`button[data-testid="${id}"]`)).not.toBeNull();
    t.play.click();
    t.step.click();
    t.reset.click();
    expect(callbacks.onToggle).toHaveBeenCalledTimes(1);
    expect(callbacks.onStep).toHaveBeenCalledTimes(1);
    expect(callbacks.onReset).toHaveBeenCalledTimes(1);
    t.setPlaying(true);
    expect(t.play.textContent).toBe('Pause');
    expect(t.play.dataset.state).toBe('playing');
    expect(t.step.disabled).toBe(true);
    t.setPlaying(false);
    expect(t.play.textContent).toBe('Play');
    expect(t.step.disabled).toBe(false);
    t.setEnabled(false);
    expect([t.play.disabled, t.step.disabled, t.reset.disabled]).toEqual([true, true, true]);
  });
});
