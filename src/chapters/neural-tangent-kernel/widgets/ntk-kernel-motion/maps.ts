/**
 * The kernel as heatmaps, in one SVG (so it exports whole): a row for Θ among angles round the circle
 * and a row for Θ on the four training points (values written in), each at the start Θ₀, now Θ_t,
 * the change Θ_t − Θ₀ and the infinite-width limit Θ∞, on one diverging colour scale symmetric about 0
 * (so a change too small to see is too small to matter). Cells are reused between updates.
 */
import type { KernelHeatmaps } from '../../runs/kernel-motion';
import { colorMaps, contrastText, rgbString } from '../../../../viz/palette';
import { createSvgRoot, frame, svgEl } from '../../../../viz/svg';
import { attrs, pool } from '../common/plot';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

/** The four heatmaps; each title goes through t() where it is written. */
const COLUMNS = [
  { key: 'before', title: 'at the start, Θ₀' },
  { key: 'now', title: 'now, Θₜ' },
  { key: 'change', title: 'change, Θₜ − Θ₀' },
  { key: 'limit', title: 'infinite width, Θ∞' },
] as const;

type Key = (typeof COLUMNS)[number]['key'];

interface Cellset {
  cells: SVGGElement;
  values: SVGGElement;
  size: number;
}

export class KernelMaps {
  readonly svg: SVGSVGElement;
  private readonly desc: SVGDescElement;
  private readonly ring = new Map<Key, Cellset>();
  private readonly train = new Map<Key, Cellset>();
  private readonly ramp: SVGGElement;
  private readonly rampText: SVGTextElement[];
  private readonly rowTitles: SVGTextElement[];
  private readonly narrow: boolean;

  /**
   * `width` wide (on the page, as tall as its cells need). Projector mode gives `fit`: the box's height,
   * which the cells shrink to fit, and the font every label is written at (otherwise 10–11, values 8–12).
   */
  constructor(width: number, columns = width < 520 ? 2 : 4, fit?: { height: number; font: number }) {
    const k = fit ? fit.font / 11 : 1;
    const gap = Math.round(10 * k);
    const title = Math.round(16 * k);
    const rowsPerSet = 4 / columns;
    const head = Math.round(40 * k);
    const setGap = Math.round((fit ? 16 : 22) * k);
    const byWidth = Math.floor((width - (columns - 1) * gap) / columns);
    const byHeight = fit ? Math.floor(((fit.height - head) / 2 - setGap) / rowsPerSet - title - 4) : Infinity;
    const cell = Math.max(40, Math.min(fit ? Infinity : 170, byWidth, byHeight));
    const setHeight = rowsPerSet * (cell + title + 4);
    const f = frame(width, head + 2 * (setHeight + setGap), { top: 0, right: 0, bottom: 0, left: 0 }, { top: 0, right: 0, bottom: 0, left: 0 }, fit?.font);
    const root = createSvgRoot(document, f, t('The tangent kernel as heatmaps: at the start, now, its change, and in the infinite-width limit'), 'viz-ntk viz-ntk-maps');
    this.svg = root.svg;
    this.desc = root.desc;
    const rampWidth = Math.min(220 * k, width);
    this.ramp = svgEl(document, 'g', { class: 'ramp', transform: `translate(0,${Math.round(6 * k)})` }, root.plot);
    for (let i = 0; i < 24; i++) svgEl(document, 'rect', { x: (i * rampWidth) / 24, y: 0, width: rampWidth / 24 + 0.5, height: 8 * k, fill: rgbString(colorMaps.diverging((i + 0.5) / 24)) }, this.ramp);
    this.rampText = [0, 1, 2].map((i) => svgEl(document, 'text', { x: (i * rampWidth) / 2, y: 21 * k, 'text-anchor': ['start', 'middle', 'end'][i], fill: 'currentColor', 'font-size': fit ? fit.font : 10 }, this.ramp));
    this.rowTitles = [0, 1].map((s) => svgEl(document, 'text', { x: 0, y: head + s * (setHeight + setGap) + 10 * k, fill: 'currentColor', 'font-weight': 600 }, root.plot));
    this.narrow = width < 520 * k;
    for (const [s, target] of [[0, this.ring], [1, this.train]] as const) {
      COLUMNS.forEach((c, i) => {
        const x = (i % columns) * (cell + gap);
        const y = head + s * (setHeight + setGap) + 18 * k + Math.floor(i / columns) * (cell + title + 4);
        svgEl(document, 'text', { x, y: y + 11 * k, fill: 'currentColor', 'font-size': fit ? fit.font : 11 }, root.plot).textContent = t(c.title);
        const g = svgEl(document, 'g', { class: `map-${c.key}`, 'data-map': c.key, transform: `translate(${x},${y + title})` }, root.plot);
        const cells = svgEl(document, 'g', { class: 'cells' }, g);
        svgEl(document, 'rect', { x: -0.5, y: -0.5, width: cell + 1, height: cell + 1, fill: 'none', stroke: 'var(--border, #d9d9d9)' }, g);
        // The values: in projector mode a point under the chart font (still above the projector's minimum), four to a cell's row.
        target.set(c.key, { cells, values: svgEl(document, 'g', { 'text-anchor': 'middle', 'font-size': fit ? fit.font - 1 : Math.max(8, Math.min(12, cell / 9)) }, g), size: cell });
      });
    }
  }

  update(maps: KernelHeatmaps): void {
    const change = (a: number[][], b: number[][]) => a.map((row, i) => row.map((v, j) => v - b[i][j]));
    const ring = { before: maps.probeBefore, now: maps.probeNow, change: change(maps.probeNow, maps.probeBefore), limit: maps.probeLimit };
    const train = { before: maps.trainBefore, now: maps.trainNow, change: change(maps.trainNow, maps.trainBefore), limit: maps.trainLimit };
    let scale = 0;
    for (const m of [ring.before, ring.now, ring.limit, train.before, train.now, train.limit]) for (const row of m) for (const v of row) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    scale = scale || 1;
    const color = (v: number) => (Number.isFinite(v) ? colorMaps.diverging(0.5 + v / (2 * scale)) : ([200, 200, 200] as const));
    const label = (v: number) => localNumber(Math.abs(v) >= 100 ? v.toExponential(0) : Number(v.toPrecision(2)).toString());
    this.rampText[0].textContent = label(-scale);
    this.rampText[1].textContent = '0';
    this.rampText[2].textContent = label(scale);
    const width = groupNumber(maps.width);
    const n = maps.probeAngles.length;
    this.rowTitles[0].textContent = this.narrow ? t('Θ at {n} angles, −π to π · width {width}', { n, width }) : t('Θ at {n} angles round the circle (γ from −π to π) · width {width}', { n, width });
    this.rowTitles[1].textContent = t('Θ on the {n} training points · width {width}', { n: maps.trainAngles.length, width });
    for (const [set, matrices, withValues] of [[this.ring, ring, false], [this.train, train, true]] as const) {
      for (const key of Object.keys(matrices) as Key[]) {
        const cells = set.get(key)!;
        const m = matrices[key];
        const n = m.length;
        const w = cells.size / Math.max(1, n);
        pool(cells.cells, 'rect', n * n).forEach((r, idx) => {
          const i = Math.floor(idx / n);
          const j = idx % n;
          attrs(r, { x: j * w, y: i * w, width: w + 0.3, height: w + 0.3, fill: rgbString(color(m[i][j])) });
        });
        const texts = pool(cells.values, 'text', withValues ? n * n : 0, { dy: '0.35em' });
        texts.forEach((text, idx) => {
          const v = m[Math.floor(idx / n)][idx % n];
          attrs(text, { x: ((idx % n) + 0.5) * w, y: (Math.floor(idx / n) + 0.5) * w, fill: contrastText(color(v)) });
          text.textContent = Math.abs(v) < 0.005 ? '0' : localNumber(v.toFixed(2));
        });
      }
    }
    this.desc.textContent = t('The kernel of the width-{width} network: largest entry {largest}; the change since the start is at most {change} on the training points.', { width: maps.width, largest: label(scale), change: label(maxAbs(train.change)) });
  }
}

function maxAbs(m: number[][]): number {
  return m.reduce((s, row) => row.reduce((t, v) => Math.max(t, Math.abs(v)), s), 0);
}
