/**
 * What the chapter's figures share on the page: chart sizes that follow the column (and flatten in
 * projector mode, so a whole figure fits a 1080-pixel screen), a row of live numbers, and number
 * formats for errors and ratios.
 */
import { h } from '../../../../widgets/base/dom';
import { groupNumber, isFrench, localNumber, t } from '../../../../i18n/t';

/** The layout width of `el` in CSS pixels (a fallback before it is laid out, e.g. in jsdom). */
export function layoutWidth(el: HTMLElement, fallback = 640): number {
  const w = Math.round(el.clientWidth);
  return w > 0 ? w : fallback;
}

export function inProjector(host: Element): boolean {
  return host.closest('.lm-projector') !== null;
}

export interface Size {
  width: number;
  height: number;
}

/**
 * A chart's size in its own SVG units for a column `available` CSS pixels wide (CSS scales the SVG to
 * the column). On the page: the column's width, `ratio` × that high. In projector mode it is drawn at
 * most `design` units wide, so that its text grows with the scale-up and reads from the back of the
 * room, and no taller than `screenShare` of the window once scaled (the rest holds the controls).
 */
export function chartSize(host: Element, available: number, ratio: number, screenShare = 0.45, design = 880): Size {
  if (!inProjector(host) || typeof window === 'undefined' || !window.innerHeight) return { width: available, height: Math.round(available * ratio) };
  const width = Math.min(available, design);
  const scale = available / width;
  const cap = (window.innerHeight * screenShare) / scale;
  return { width, height: Math.round(Math.max(110, Math.min(width * ratio, cap))) };
}

/** Calls `onChange(width)` when `el`'s width changes by 24 px or more (charts are rebuilt at their new size). */
export function watchWidth(el: HTMLElement, onChange: (width: number) => void): void {
  if (typeof ResizeObserver !== 'function') return;
  let last = layoutWidth(el);
  new ResizeObserver(() => {
    const next = layoutWidth(el);
    if (Math.abs(next - last) < 24) return;
    last = next;
    onChange(next);
  }).observe(el);
}

/**
 * Projector mode: calls `onChange` when a chart box (`.lm-fill` in `stage`) changes size, so the
 * charts are drawn again at their box's size (the fullscreen switch settles over several frames, and
 * a change of a few pixels leaves a chart drawn too large for its box). Nothing on the page.
 */
export function watchFillBoxes(stage: HTMLElement, onChange: () => void): void {
  if (typeof ResizeObserver !== 'function') return;
  const observer = new ResizeObserver(() => {
    if (inProjector(stage)) onChange();
  });
  for (const box of stage.querySelectorAll('.lm-fill')) observer.observe(box);
}

export interface Stat {
  element: HTMLElement;
  set(text: string, title?: string): void;
}

/** One live number with its label (data-testid `testId` on the value); the caller translates label and hint. */
export function stat(label: string, testId: string, hint = ''): Stat {
  const value = h('span', { class: 'ntk-stat-value', text: '–', attrs: { 'data-testid': testId } });
  const element = h('div', { class: 'ntk-stat' }, [h('span', { class: 'ntk-stat-label', text: label }), value, ...(hint ? [h('span', { class: 'ntk-stat-hint', text: hint })] : [])]);
  return {
    element,
    set(text, title) {
      if (value.textContent !== text) value.textContent = text;
      if (title !== undefined) value.title = title;
    },
  };
}

/** The step counter's label, "Step" ("Pas" in French: the catalogue's "Step" is the step button's "Un pas"). */
export function stepLabel(): string {
  const word = t('step');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function statRow(stats: Stat[]): HTMLElement {
  return h('div', { class: 'ntk-stats', attrs: { role: 'group', 'aria-label': t('Now') } }, stats.map((s) => s.element));
}

/** A small positive quantity: "0.047", "4.3e-3", "2e-12"; "–" when not finite. */
export function small(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  if (Math.abs(v) >= 1000) return localNumber(v.toExponential(1).replace('e+', 'e'));
  if (Math.abs(v) >= 0.01) return localNumber(Number(v.toPrecision(2)).toString());
  return localNumber(v.toExponential(1).replace(/\.0e/, 'e'));
}

/** A number written as a percentage in the page's language: "4.3%" (English), "4,3 %" (French). */
export function percentText(number: string): string {
  return `${localNumber(number)}${isFrench() ? '\u202f' : ''}%`;
}

/** A ratio as a percentage: "4.3%", "0.27%", "170%". */
export function percent(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const p = 100 * v;
  return percentText(p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toPrecision(2));
}

export const integer = (v: number) => groupNumber(Math.round(v));

/** A number with a fixed count of decimals, with the page's decimal mark: 0.34 (English), 0,34 (French). */
export const fixed = (v: number, digits: number) => localNumber(v.toFixed(digits));
