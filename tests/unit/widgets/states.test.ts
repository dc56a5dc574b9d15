// @vitest-environment jsdom
// Divergence text names the likely culprit; state panels are announced and offer the way out.
import { describe, expect, it, vi } from 'vitest';
import { divergenceMessage, StateView } from '../../../src/widgets/base/states';
import { overfitSchema } from '../../../src/chapters/introduction/widgets/overfit/schema';
import { faLinearSchema } from '../../../src/chapters/feedback-alignment/widgets/fa-linear/schema';
import { defaults, type WidgetSchema } from '../../../src/settings/schema';

describe('diverged state', () => {
  it('names the learning rate and its value', () => {
    const settings = { ...defaults(overfitSchema), learningRate: 10 };
    expect(divergenceMessage(overfitSchema, settings, NaN)).toBe('Training diverged (loss became NaN) with learning rate 10. Lower it and reset.');
    expect(divergenceMessage(overfitSchema, { ...settings, learningRate: 0.5 }, Infinity)).toBe('Training diverged (loss became infinite) with learning rate 0.5. Lower it and reset.');
    expect(divergenceMessage(overfitSchema, settings, 1400)).toMatch(/^Training diverged \(loss blew up\) with learning rate 10\./);
  });

  it('names the setting changed last when it is away from its default, not the learning rate', () => {
    const settings = { ...defaults(faLinearSchema), feedbackScale: 5 };
    const text = divergenceMessage(faLinearSchema, settings, 1e9, { lastChanged: 'feedbackScale' });
    expect(text).toBe('Training diverged (loss blew up) after feedback-weight scale was set to 5 (default 0.5). Set it back and reset.');
    expect(text).not.toMatch(/learning rate/i);
    // The same settings from a link (nothing changed here): the one setting away from its default.
    expect(divergenceMessage(faLinearSchema, settings, 1e9)).toBe('Training diverged (loss blew up) with feedback-weight scale 5 (default 0.5). Set it back and reset.');
    // The learning rate changed last: the classic advice.
    const both = { ...settings, learningRate: 0.05 };
    expect(divergenceMessage(faLinearSchema, both, NaN, { lastChanged: 'learningRate' })).toBe('Training diverged (loss became NaN) with learning rate 0.05. Lower it and reset.');
    // Several suspects and no last change (or one set back to its default): all of them.
    expect(divergenceMessage(faLinearSchema, both, NaN, { lastChanged: 'hidden' })).toBe(
      'Training diverged (loss became NaN) with learning rate 0.05 (default 0.005) and feedback-weight scale 5 (default 0.5). Set one of them back and reset.',
    );
    // The figure's own defaults (its tag's attributes) are not suspects.
    expect(divergenceMessage(faLinearSchema, settings, 1e9, { defaults: settings })).toBe('Training diverged (loss blew up) with learning rate 0.005. Lower it and reset.');
  });

  it('names a switch by its state, and never a setting that only redraws the page', () => {
    const schema: WidgetSchema = {
      tag: 'x-y',
      title: 'x',
      settings: [
        { type: 'toggle', key: 'dfa', label: 'Direct FA', default: false },
        { type: 'number', key: 'zoom', label: 'Zoom', min: 1, max: 9, step: 1, default: 3, live: 'page' },
      ],
    };
    expect(divergenceMessage(schema, { dfa: true, zoom: 3 }, NaN, { lastChanged: 'dfa' })).toBe('Training diverged (loss became NaN) after direct FA was switched on (default off). Set it back and reset.');
    expect(divergenceMessage(schema, { dfa: false, zoom: 9 }, NaN, { lastChanged: 'zoom' })).toBe('Training diverged (loss became NaN). Change the settings and reset.');
  });

  it('falls back to a general hint when no setting is a step size', () => {
    const schema: WidgetSchema = { tag: 'x-y', title: 'x', settings: [{ type: 'number', key: 'width', label: 'Width', min: 1, max: 9, step: 1, default: 3 }] };
    expect(divergenceMessage(schema, { width: 3 }, NaN)).toBe('Training diverged (loss became NaN). Change the settings and reset.');
  });

  it('shows loading, error with Retry, diverged with Reset, as text only', () => {
    const view = new StateView();
    document.body.replaceChildren(view.element);
    expect(view.element.hidden).toBe(true);
    view.loading('Loading MNIST…');
    expect(view.element.getAttribute('role')).toBe('status');
    expect(view.element.textContent).toBe('Loading MNIST…');
    const retry = vi.fn();
    view.error('<b>bad</b>', retry);
    expect(view.element.getAttribute('role')).toBe('alert');
    expect(view.element.querySelector('b')).toBeNull(); // never parsed as HTML
    view.element.querySelector<HTMLButtonElement>('[data-testid="retry"]')!.click();
    expect(retry).toHaveBeenCalledTimes(1);
    const reset = vi.fn();
    expect(view.element.querySelector('[data-testid="defaults"]')).toBeNull();
    view.diverged('Training diverged', reset);
    expect(view.current).toBe('diverged');
    view.element.querySelector<HTMLButtonElement>('[data-testid="diverged-reset"]')!.click();
    expect(reset).toHaveBeenCalledTimes(1);
    // Both ways out, each a labelled button: Retry or Reset (current settings) and Defaults.
    const defaults = vi.fn();
    view.error('bad', retry, defaults);
    view.element.querySelector<HTMLButtonElement>('[data-testid="defaults"]')!.click();
    view.diverged('Training diverged', reset, defaults);
    view.element.querySelector<HTMLButtonElement>('[data-testid="defaults"]')!.click();
    expect(defaults).toHaveBeenCalledTimes(2);
    expect(view.element.querySelector('[data-testid="defaults"]')!.textContent).toBe('Defaults');
    view.clear();
    expect(view.element.hidden).toBe(true);
    expect(view.current).toBeNull();
  });
});
