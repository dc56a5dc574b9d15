/**
 * Prediction bars: the ten class probabilities as horizontal bars, 0 to 9 top to bottom. The
 * model's answer is drawn dark, the true class (or the model's answer on a drawing) and the
 * attacker's target carry marks, so the bars read without colour: ✓ true, ◎ target.
 * An SVG (it goes into the exported figure as it is), sized by CSS to its column.
 */
import { formatPercent } from '../../../../viz/format';
import { svgEl } from '../../../../viz/svg';
import { t } from '../../../../i18n/t';

export interface BarMarks {
  /** The class the attack moves away from. */
  label: number;
  /** The attacker's goal class, if targeted. */
  target?: number;
}

const ROW = 17;
const TRACK = 'var(--surface, #efefeb)';
const BAR = 'var(--muted, #8a8d93)';
const TOP = 'var(--fg, #1b1b1b)';
const TARGET = 'var(--c1, #d55e00)';
const LABEL = 16;
const VALUE = 52;
const MARK = 14;
export const BARS_WIDTH = 226;

export class PredictionBars {
  readonly element: SVGSVGElement;
  private readonly rows: { bar: SVGRectElement; value: SVGTextElement; mark: SVGTextElement; digit: SVGTextElement }[] = [];
  private readonly name: string;
  private readonly title: SVGTitleElement;

  constructor(doc: Document, name: string) {
    const height = ROW * 10 + 2;
    this.element = svgEl(doc, 'svg', { class: 'viz lab-bars', viewBox: `0 0 ${BARS_WIDTH} ${height}`, width: BARS_WIDTH, height, role: 'img', 'aria-label': name });
    this.title = svgEl(doc, 'title', {}, this.element);
    this.title.textContent = name;
    this.name = name;
    const track = BARS_WIDTH - LABEL - VALUE - MARK;
    for (let c = 0; c < 10; c++) {
      const y = c * ROW + 1;
      const text = { y: y + ROW - 5, fill: 'currentColor', 'font-size': 11 };
      const digit = svgEl(doc, 'text', { ...text, x: 4, class: 'lab-bars-digit' }, this.element);
      digit.textContent = String(c);
      svgEl(doc, 'rect', { x: LABEL, y: y + 2, width: track, height: ROW - 5, fill: TRACK }, this.element);
      const bar = svgEl(doc, 'rect', { x: LABEL, y: y + 2, width: 0, height: ROW - 5, fill: BAR }, this.element);
      const value = svgEl(doc, 'text', { ...text, x: BARS_WIDTH - MARK - 2, 'text-anchor': 'end', class: 'lab-bars-value' }, this.element);
      const mark = svgEl(doc, 'text', { ...text, x: BARS_WIDTH - 2, 'text-anchor': 'end' }, this.element);
      this.rows.push({ bar, value, mark, digit });
    }
  }

  /** Show probabilities `p` (null: an empty chart). */
  update(p: ArrayLike<number> | null, marks: BarMarks): void {
    const track = BARS_WIDTH - LABEL - VALUE - MARK;
    let top = -1;
    if (p) for (let c = 0; c < 10; c++) if (top < 0 || p[c] > p[top]) top = c;
    this.rows.forEach((row, c) => {
      const v = p ? p[c] : 0;
      row.bar.setAttribute('width', String(Math.max(0, Math.min(1, v)) * track));
      row.bar.setAttribute('fill', c === top ? TOP : c === marks.target ? TARGET : BAR);
      row.digit.setAttribute('font-weight', c === top ? '700' : '400');
      row.value.textContent = p ? formatProbability(v) : '';
      row.mark.textContent = c === marks.label ? '✓' : c === marks.target ? '◎' : '';
    });
    this.title.textContent = p && top >= 0 ? t('{name}: predicts {digit} with {p}', { name: this.name, digit: top, p: formatProbability(p[top]) }) : t('{name}: no prediction yet', { name: this.name });
    this.element.setAttribute('aria-label', this.title.textContent);
  }
}

/** 0.9731 → "97.3%", 0.00004 → "<0.1%" (French: "97,3 %"). */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p > 0 && p < 0.001) return `<${formatPercent(0.001)}`;
  if (p > 0.999 && p < 1) return `>${formatPercent(0.999)}`;
  return formatPercent(p);
}
