// @vitest-environment jsdom
// <game-of-life> on the real Life run: the glider at the start, Step as one generation, editing with
// the pointer (a click flips a cell, a drag paints) and with the keyboard (arrows move a cursor that
// wraps, Enter flips or stamps; the arrows do not step the run meanwhile), stamping a pattern, clearing,
// the random soup as a new run, and edits reaching the run as commands, not as new runs.
import { describe, expect, it, vi } from 'vitest';
import { until, q } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LocalTrainer } from './local-trainer';

let trainer = new LocalTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(trainer) }));
widgetDom(() => import('../../../../src/chapters/brains-not-feed-forward/widgets/game-of-life/element'));

async function mount(html = '<game-of-life id="life"></game-of-life>') {
  trainer = new LocalTrainer();
  return mountWidget(html, 'game-of-life', { ms: 10_000 });
}
const population = (el: HTMLElement) => Number(el.dataset.population);
// jsdom lays nothing out: the grid is drawn at 10 px per cell from its left edge (at 0).
const pointer = (el: Element, type: string, cx: number, cy: number) =>
  q(el, 'life-grid').dispatchEvent(new MouseEvent(type, { clientX: cx * 10 + 5, clientY: cy * 10 + 5, bubbles: true }));
const gridKey = (el: Element, key: string) => q(el, 'life-grid').dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe('<game-of-life>', () => {
  it('starts from a glider and steps one generation at a time; it keeps its five cells', async () => {
    const el = await mount();
    expect(trainer.created[0]).toMatchObject({ kind: 'game-of-life', config: { start: 'glider', width: 64, height: 48 } });
    expect(population(el)).toBe(5);
    expect(q(el, 'pattern-about').textContent).toContain('diagonally every 4 generations');
    for (let g = 1; g <= 4; g++) {
      q(el, 'step').click();
      await until(() => q(el, 'generation').textContent === String(g));
      expect(population(el)).toBe(5);
    }
  });

  it('a click flips a cell and a drag paints; the run gets toggles, not a restart', async () => {
    const el = await mount('<game-of-life id="life" start="empty"></game-of-life>');
    expect(population(el)).toBe(0);
    pointer(el, 'pointerdown', 1, 2);
    await until(() => population(el) === 1);
    expect(trainer.updates[0]).toEqual({ toggles: [[1, 2]] });
    pointer(el, 'pointermove', 2, 2);
    pointer(el, 'pointermove', 3, 2);
    pointer(el, 'pointermove', 3, 2); // the same cell again: painted once
    pointer(el, 'pointerup', 3, 2);
    await until(() => population(el) === 3);
    // Three in a row is a blinker: one generation turns it upright, still three cells.
    q(el, 'step').click();
    await until(() => q(el, 'generation').textContent === '1');
    expect(population(el)).toBe(3);
    expect(trainer.created).toHaveLength(1);
    pointer(el, 'pointerdown', 2, 1); // a live cell now: the click kills it
    await until(() => population(el) === 2);
  });

  it('the keyboard moves a wrapping cursor and Enter flips or stamps, without stepping the run', async () => {
    const el = await mount('<game-of-life id="life" start="empty"></game-of-life>');
    q(el, 'life-grid').focus();
    await until(() => el.dataset.cursor === '32,24');
    gridKey(el, 'ArrowRight');
    gridKey(el, 'ArrowUp');
    expect(el.dataset.cursor).toBe('33,23');
    expect(el.dataset.step).toBe('0'); // → moved the cursor, it did not step
    gridKey(el, 'Enter');
    await until(() => population(el) === 1);
    expect(q(el, 'cursor').textContent).toBe('column 34, row 24: alive');
    for (let i = 0; i < 34; i++) gridKey(el, 'ArrowLeft');
    expect(el.dataset.cursor).toBe('63,23');
    // Stamp a pulsar (48 cells) with the brush, then clear.
    const brush = el.querySelector<HTMLSelectElement>('[data-key="brush"] select')!;
    brush.value = 'pulsar';
    brush.dispatchEvent(new Event('change'));
    gridKey(el, 'Enter');
    await until(() => population(el) === 49);
    expect(trainer.updates.at(-1)).toEqual({ place: { pattern: 'pulsar', x: 63, y: 23 } });
    q(el, 'clear').click();
    await until(() => population(el) === 0);
    expect(trainer.updates.at(-1)).toEqual({ clear: true });
    expect(trainer.created).toHaveLength(1);
    await until(() => location.hash.includes('life.brush=pulsar'), 3000);
  });

  it('a random soup from the seed is a new run, the same soup for the same seed', async () => {
    history.replaceState(null, '', '/#life.start=random&life.density=0.3&life.seed=5');
    const el = await mount();
    expect(trainer.created[0].config).toMatchObject({ start: 'random', density: 0.3, seed: 5 });
    const first = population(el);
    expect(first).toBeGreaterThan(0.25 * 3072);
    expect(first).toBeLessThan(0.35 * 3072);
    el.querySelector('.lm-figure')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }));
    await until(() => trainer.created.length === 2 && el.dataset.status === 'ready');
    expect(population(el)).toBe(first);
  });
});
