// @vitest-environment jsdom
// The shared figure pieces: the predict-then-observe box (choices, verdicts marked on the options,
// back to asking with the choices kept, answers' lines always in place) and the panel grid's widths.
import { describe, expect, it } from 'vitest';
import { PredictionBox } from '../../../src/widgets/base/predict';
import { chartHeight, legendMargin, panelWidth } from '../../../src/widgets/base/panels';

const questions = [
  { id: 'a', prompt: 'Who wins?', options: [ { value: 'x', label: 'X' }, { value: 'y', label: 'Y' } ] },
  { id: 'b', prompt: 'How fast?', options: [ { value: 'slow', label: 'Slowly' }, { value: 'fast', label: 'Fast' } ] },
];
const q = (el: Element, id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

describe('PredictionBox', () => {
  it('records choices, marks the answers and the wrong choices, and asks again with the choices kept', () => {
    const box = new PredictionBox('Predict', questions, 'Answers when the run ends.');
    document.body.replaceChildren(box.element);
    const groups = [...box.element.querySelectorAll('[role="radiogroup"]')];
    expect(groups.map((g) => document.getElementById(g.getAttribute('aria-labelledby')!)!.textContent)).toEqual(['Who wins?', 'How fast?']);
    expect(box.choice('a')).toBeNull();
    q(box.element, 'predict-a-y').click();
    expect(box.choice('a')).toBe('y');
    expect(q(box.element, 'predict-a-result').textContent).toBe('');
    box.reveal({ a: { answer: 'x', text: 'X paid less.' }, b: { answer: 'fast', text: 'It was quick.' } }, 'Play again.');
    expect(q(box.element, 'predict-a-result').textContent).toBe('Answer: X. X paid less. You predicted “Y”.');
    expect(q(box.element, 'predict-a-result').dataset.verdict).toBe('wrong');
    expect(q(box.element, 'predict-b-result').dataset.verdict).toBe('none');
    expect(box.element.querySelector('[data-question="a"] .is-answer')!.getAttribute('data-value')).toBe('x');
    expect(box.element.querySelector('[data-question="a"] .is-wrong')!.getAttribute('data-value')).toBe('y');
    expect(q(box.element, 'predict-status').textContent).toBe('Play again.');
    box.hide();
    expect(box.element.querySelectorAll('.is-answer, .is-wrong')).toHaveLength(0);
    expect(q(box.element, 'predict-a-result').textContent).toBe('');
    expect(q(box.element, 'predict-a-result').hidden).toBe(false); // its line stays, empty
    expect(box.choice('a')).toBe('y');
    expect(q(box.element, 'predict-status').textContent).toBe('Answers when the run ends.');
  });
});

describe('panels', () => {
  const grid = (width: number) => {
    const el = document.createElement('div');
    Object.defineProperty(el, 'clientWidth', { value: width });
    return el;
  };
  it('fits as many columns as the width holds, up to the maximum, and says so on the grid', () => {
    expect(panelWidth(grid(960), { maxColumns: 3 })).toEqual({ width: 304, columns: 3 });
    expect(panelWidth(grid(960))).toEqual({ width: 468, columns: 2 });
    const phone = grid(358);
    expect(panelWidth(phone, { maxColumns: 3 })).toEqual({ width: 358, columns: 1 });
    expect(phone.dataset.columns).toBe('1');
    expect(panelWidth(grid(0))).toEqual({ width: 560, columns: 2 });
  });
  it('makes charts flatter in projector mode and leaves room for a wrapped legend', () => {
    const host = document.createElement('div');
    document.body.replaceChildren(host);
    expect(chartHeight(400, host)).toBe(248);
    host.classList.add('lm-projector');
    expect(chartHeight(400, host)).toBe(180);
    expect(legendMargin(['GD', 'EG'], 400)).toBe(32);
    expect(legendMargin(Array.from({ length: 8 }, () => 'a long legend label'), 300)).toBeGreaterThan(64);
  });
});
