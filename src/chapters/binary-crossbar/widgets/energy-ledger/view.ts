/**
 * The energy ledger's drawing: per chip (FP32, INT8, binary crossbar), on a log axis of energy, a bar
 * for computing and one for moving data, both from the axis' start (stacked on a log axis, the first
 * segment would look far larger than it is), and a mark at the total; where the source gives a range
 * (the crossbar) the bar's uncertain part is lighter and a whisker spans the total's range. The sources are printed inside the SVG, so an exported figure carries them. A pure
 * function of the ledger rows and a reveal fraction (0: axes only, 1: full bars).
 */
import { seriesColor } from '../../../../viz';
import { describeData } from '../../../../viz/dataTable';
import { CROSSBAR_MAC_PJ, formatEnergy, formatRange, HARDWARE_LABEL, type LedgerRow } from '../../../../lib/hardware/energy';
import { localNumber, t } from '../../../../i18n/t';

const NS = 'http://www.w3.org/2000/svg';
export const COMPUTE_COLOR = seriesColor(0);
export const MOVE_COLOR = seriesColor(1);
/** The figure's sources, in lines that fit its width. */
const SOURCE_LINES = () => [
  t('Digital, 45 nm: Horowitz, ISSCC 2014; memory reads as tabulated by Han et al., ICLR 2016.'),
  t('Crossbar: {low}–{high} pJ per multiply-accumulate (order of magnitude), from Ambrogio et al.,', { low: localNumber(String(CROSSBAR_MAC_PJ.low)), high: localNumber(String(CROSSBAR_MAC_PJ.high)) }),
  t('Nature 2018 (28,065 GOP/s/W) and Yao et al., Nature 2020 (11,014 GOP/s/W), whole chips.'),
  t('Batch of one: digital chips fetch every weight from DRAM; the crossbar’s weights never move.'),
];

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface LogAxis {
  lo: number;
  hi: number;
  x(pj: number): number;
}

/** A log axis (whole decades) from just under the smallest part to just over the largest total. */
export function logAxis(rows: readonly LedgerRow[], W = 640, LEFT = 118, RIGHT = 24): LogAxis {
  const parts = rows.flatMap((r) => [r.compute.low, r.total.high, r.activations.low]).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...parts)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...parts)) + 1e-9);
  const span = Math.log10(hi) - Math.log10(lo);
  return { lo, hi, x: (pj) => LEFT + ((Math.log10(Math.max(lo, Math.min(hi, pj))) - Math.log10(lo)) / span) * (W - LEFT - RIGHT) };
}

/** Split text into lines of at most `chars` characters, at spaces. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Projector mode: the ledger laid out at this width in screen pixels, its text at `font` px (software.css). */
export interface LedgerFrame {
  width: number;
  font: number;
}

/** The SVG of the ledger; `reveal` in [0, 1] grows the bars (0: axes and labels only). */
export function ledgerSvg(rows: readonly LedgerRow[], sizes: readonly number[], reveal: number, frame?: LedgerFrame): SVGSVGElement {
  // Lengths are in units of 11 px text: on the page a 640-unit drawing that CSS scales to its column;
  // in projector mode drawn at the screen's pixels, each length × font / 11.
  const k = frame ? frame.font / 11 : 1;
  const W = frame ? frame.width : 640;
  // Projector rows a little tighter (the screen's height is the limit there).
  const [LEFT, RIGHT, TOP, ROW, BAR] = [118, 24, 34, frame ? 38 : 46, frame ? 22 : 24].map((v) => v * k);
  const sources = frame ? wrap(SOURCE_LINES().join(' '), Math.floor((W - 8 * k) / (0.52 * frame.font))) : SOURCE_LINES();
  const axis = logAxis(rows, W, LEFT, RIGHT);
  const barsBottom = TOP + rows.length * ROW;
  const height = barsBottom + (44 + 15 * sources.length + 8) * k;
  const svg = el('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': t('Energy of one inference of MLP {sizes} on three chips, log scale', { sizes: sizes.join('-') }), class: 'xb-ledger-svg', 'data-testid': 'ledger-svg' });
  if (frame) {
    svg.setAttribute('width', String(W));
    svg.setAttribute('height', String(Math.ceil(height)));
  }
  svg.append(el('text', { x: LEFT, y: 16 * k, class: 'xb-svg-title' }, t('One inference of MLP {sizes}: energy (log scale)', { sizes: sizes.join('-') })));
  // Its numbers (issue 17): per chip, each part's energy and the total, low and high ends of a range.
  describeData(svg, () => [{
    title: svg.getAttribute('aria-label') ?? '',
    columns: [t('chip'), ...['computing', 'moving weights', 'moving activations', 'total'].flatMap((part) => [t('{part}, low (pJ)', { part: t(part) }), t('{part}, high (pJ)', { part: t(part) })])],
    rows: rows.map((r) => [t(HARDWARE_LABEL[r.hardware]), ...[r.compute, r.weights, r.activations, r.total].flatMap((e) => [e.low, e.high])]),
  }]);
  for (let d = Math.log10(axis.lo); d <= Math.log10(axis.hi) + 1e-9; d++) {
    const x = axis.x(10 ** d);
    svg.append(el('line', { x1: x, x2: x, y1: TOP - 6 * k, y2: barsBottom, class: 'xb-grid' }));
    svg.append(el('text', { x, y: barsBottom + 16 * k, 'text-anchor': 'middle', class: 'xb-tick' }, localNumber(formatEnergy(10 ** d, 1))));
  }
  const grow = (from: number, to: number) => axis.x(from) + (axis.x(to) - axis.x(from)) * Math.max(0, Math.min(1, reveal));
  rows.forEach((r, i) => {
    const y = TOP + i * ROW + (ROW - BAR) / 2;
    const g = el('g', { 'data-hardware': r.hardware });
    g.append(el('text', { x: LEFT - 8 * k, y: y + BAR / 2 + 4 * k, 'text-anchor': 'end', class: 'xb-label' }, t(HARDWARE_LABEL[r.hardware])));
    // Two bars per chip, each from the axis' start: computing, then moving data. (Stacked on a log
    // axis, the first segment would look far bigger than it is.) A range's uncertain part is lighter.
    const half = BAR / 2 - k;
    const bar = (from: number, to: number, yy: number, color: string, cls: string, opacity = 1) => {
      const [a, b] = [grow(axis.lo, from), grow(axis.lo, to)];
      if (b > a) g.append(el('rect', { x: a, y: yy, width: b - a, height: half, fill: color, 'fill-opacity': opacity, class: cls }));
    };
    bar(axis.lo, r.compute.low, y, COMPUTE_COLOR, 'xb-compute');
    if (r.compute.high > r.compute.low) bar(r.compute.low, r.compute.high, y, COMPUTE_COLOR, 'xb-compute-range', 0.4);
    const moved = r.weights.low + r.activations.low;
    bar(axis.lo, moved, y + half + 2 * k, MOVE_COLOR, 'xb-move');
    if (r.total.high > r.total.low && reveal >= 1) {
      const [a, b] = [axis.x(r.total.low), axis.x(r.total.high)];
      g.append(el('path', { d: `M${a},${y - 3 * k}V${y + BAR + 3 * k}M${a},${y + BAR / 2}H${b}M${b},${y - 3 * k}V${y + BAR + 3 * k}`, class: 'xb-whisker' }));
    } else if (reveal >= 1) {
      const a = axis.x(r.total.low);
      g.append(el('path', { d: `M${a},${y - 3 * k}V${y + BAR + 3 * k}`, class: 'xb-whisker' }));
    }
    if (reveal >= 1) {
      const tx = Math.min(W - RIGHT - 2 * k, axis.x(r.total.high) + 6 * k);
      const label = el('text', { x: tx, y: y - 3 * k, 'text-anchor': tx > W - 140 * k ? 'end' : 'start', class: 'xb-total' }, localNumber(formatRange(r.total)));
      g.append(label);
    }
    svg.append(g);
  });
  const ly = barsBottom + 34 * k;
  const legend = (x: number, color: string, text: string) => [el('rect', { x, y: ly - 10 * k, width: 12 * k, height: 12 * k, fill: color }), el('text', { x: x + 17 * k, y: ly, class: 'xb-legend' }, t(text))];
  svg.append(...legend(LEFT, COMPUTE_COLOR, 'computing'), ...legend(LEFT + 100 * k, MOVE_COLOR, 'moving data (DRAM, SRAM)'), el('path', { d: `M${LEFT + 300 * k},${ly - 10 * k}V${ly + 2 * k}`, class: 'xb-whisker' }), el('text', { x: LEFT + 306 * k, y: ly, class: 'xb-legend' }, t('total (range)')));
  sources.forEach((line, i) => svg.append(el('text', { x: 8 * k, y: ly + (22 + 15 * i) * k, class: 'xb-source' }, line)));
  return svg;
}
