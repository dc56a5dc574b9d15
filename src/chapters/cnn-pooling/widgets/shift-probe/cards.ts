/**
 * One card per net: its answer at the current shift and how sure it is, its ten class
 * probabilities as bars, a strip of its answers at every shift −6 … +6 (right ones plain, wrong
 * ones marked; the current shift framed; a click moves the slider there), and its accuracy on test
 * digits at this shift. Plain DOM, updated in place: a slider move repaints a few nodes.
 */
import type { NetId } from '../../nets';
import type { ShiftProbeMetrics } from '../../runs/shift-probe';
import { t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz/format';
import { textColor } from '../../../../viz/palette';
import { h } from '../../../../widgets/base/dom';
import { netStyle, swatch } from '../nets-style';
import { answerAt, answersAlong, expected, formatShift, shiftIndex, SHIFTS, type Curve } from './series';

interface Card {
  element: HTMLElement;
  answer: HTMLElement;
  confidence: HTMLElement;
  bars: HTMLElement[];
  cells: HTMLElement[];
  accuracy: HTMLElement;
}

const pct = (p: number, digits = 0) => (Number.isFinite(p) ? formatPercent(p, digits) : '–');

export class NetCards {
  readonly element = h('div', { class: 'sp-cards', attrs: { role: 'list', 'aria-label': t('Each network’s answer') } });
  private cards: Card[] = [];
  private nets: NetId[] = [];

  constructor(private readonly onShift: (shift: number) => void) {}

  /** The cards, empty (before the first answers: the figure keeps its final size while it loads). */
  build(nets: readonly NetId[]): void {
    this.nets = [...nets];
    this.cards = nets.map((id) => {
      const style = netStyle(id);
      const answer = h('span', { class: 'sp-answer', text: '–', attrs: { 'data-testid': `answer-${id}` } });
      const confidence = h('span', { class: 'sp-confidence', text: '\u00a0' });
      const bars = Array.from({ length: 10 }, (_, c) => h('span', { class: 'sp-bar', attrs: { 'data-class': c } }, [h('i'), h('b', { text: String(c) })]));
      const cells = SHIFTS.map((s) => h('span', { class: 'sp-cell', attrs: { 'data-shift': s, title: formatShift(s) } }));
      const strip = h('div', { class: 'sp-strip', attrs: { 'data-testid': `strip-${id}` } }, cells);
      strip.addEventListener('click', (e) => {
        const cell = (e.target as Element).closest<HTMLElement>('.sp-cell');
        if (cell?.dataset.shift !== undefined) this.onShift(Number(cell.dataset.shift));
      });
      const accuracy = h('p', { class: 'sp-card-acc', text: t('test digits at {shift}: {accuracy}', { shift: formatShift(0), accuracy: '–' }), attrs: { 'data-testid': `acc-${id}` } });
      const element = h('div', { class: 'sp-card', attrs: { role: 'listitem', 'data-net': id } }, [
        h('p', { class: 'sp-card-name' }, [swatch(style), h('strong', { text: style.short })]),
        h('p', { class: 'sp-card-answer' }, [answer, confidence]),
        h('div', { class: 'sp-bars', attrs: { 'aria-hidden': 'true' } }, bars),
        h('p', { class: 'sp-strip-label', text: t('answer at −6 … +6 px') }),
        strip,
        accuracy,
      ]);
      element.style.setProperty('--net-color', style.color);
      element.style.setProperty('--net-text', textColor(style.color));
      return { element, answer, confidence, bars, cells, accuracy };
    });
    this.element.replaceChildren(...this.cards.map((c) => c.element));
  }

  /** Draw every card at `shift`; `curves[j]` is net j's accuracy curve (or null before any is measured). */
  render(m: ShiftProbeMetrics, shift: number, curves: (Curve | null)[]): void {
    if (this.nets.join() !== m.nets.join()) this.build(m.nets);
    const k = shiftIndex(shift);
    this.cards.forEach((card, j) => {
      const { answer, confidence, probabilities } = answerAt(m, j, shift);
      const want = expected(m, j);
      card.answer.textContent = String(answer);
      card.answer.dataset.right = String(answer === want);
      card.confidence.textContent = pct(confidence);
      card.bars.forEach((bar, c) => {
        (bar.firstChild as HTMLElement).style.transform = `scaleY(${Math.max(0.02, probabilities[c])})`;
        bar.dataset.top = String(c === answer);
        bar.dataset.label = String(c === m.digit.label);
      });
      const along = answersAlong(m, j);
      card.cells.forEach((cell, kk) => {
        cell.textContent = String(along[kk]);
        cell.dataset.right = String(along[kk] === want);
        cell.dataset.current = String(kk === k);
      });
      const strip = card.cells[0].parentElement as HTMLElement;
      const wrong = SHIFTS.filter((_, kk) => along[kk] !== want);
      strip.setAttribute('aria-label', wrong.length ? t('wrong at {shifts}', { shifts: wrong.map(formatShift).join(', ') }) : t('right at every shift'));
      const curve = curves[j];
      const acc = curve ? curve.mean[k] : NaN;
      card.accuracy.textContent = t('test digits at {shift}: {accuracy}', { shift: formatShift(shift), accuracy: pct(acc, 1) });
    });
  }
}
