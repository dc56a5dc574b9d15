/**
 * What the equivariance figure draws: one heat map per network of its equivariance error E, layers
 * (rows, from the input down) × shifts 0 … 6 px (columns), on one colour scale, the value in each
 * cell and the close-up's cell framed (a click on a cell picks it); under them, the close-up: the
 * shifted digit, the chosen layer's map of it F(T_s x), the original's map moved as the layer should
 * move it S_u F(x), and their difference, for the channel most active in the original.
 */
import type { EquivarianceMetrics } from '../../runs/equivariance';
import type { MapDetail } from '../../runs/map-detail';
import { heatmap, paintImage, type Heatmap } from '../../../../viz';
import { finiteExtent } from '../../../../viz/domain';
import { h } from '../../../../widgets/base/dom';
import { projectorFrame } from '../../../../widgets/base/panels';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { netStyle } from '../nets-style';
import { GRID_LABELS, GRID_LAYERS, GRID_NETS, layerName } from './config';

export interface GridCallbacks {
  /** A cell was clicked: net index, layer index, shift. */
  onPick(net: number, layer: number, shift: number): void;
}

/** E runs from 0 (follows the shift exactly) to about √2 (unrelated maps); the scale stops at 1.2. */
export const ERROR_DOMAIN: [number, number] = [0, 1.2];
const SVG_NS = 'http://www.w3.org/2000/svg';

interface Panel {
  element: HTMLElement;
  box: HTMLElement;
  map: Heatmap | null;
  key: string;
  frame: SVGRectElement | null;
}

export class EquivarianceView {
  readonly element: HTMLElement;
  private readonly maps = h('div', { class: 'eq-maps' });
  private readonly note = h('p', { class: 'eq-note', attrs: { 'data-testid': 'grid-note' } });
  private readonly detailTitle = h('p', { class: 'eq-detail-title', attrs: { 'data-testid': 'detail-title' } });
  private readonly canvases = {
    digit: h('canvas', { class: 'eq-canvas', attrs: { role: 'img', 'aria-label': t('The shifted digit') } }),
    shifted: h('canvas', { class: 'eq-canvas', attrs: { role: 'img', 'aria-label': t('The layer’s map of the shifted digit') } }),
    expected: h('canvas', { class: 'eq-canvas', attrs: { role: 'img', 'aria-label': t('The original’s map, moved as the layer should move it') } }),
    difference: h('canvas', { class: 'eq-canvas', attrs: { role: 'img', 'aria-label': t('Their difference') } }),
  };
  private readonly detailNote = h('p', { class: 'eq-note', attrs: { 'data-testid': 'detail-note' } });
  private readonly diffScale = h('span', { text: t('red: more, blue: less (scale ±{spread}, maps 0–{top})', { spread: localNumber('0.0'), top: localNumber('0.0') }) });
  private panels: Panel[] = [];
  private width = 0;
  /** Projector mode: the maps' boxes' sizes the maps were drawn at ('' on the page). */
  private projectorKey = '';
  private readonly resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.fit()) : null;

  constructor(private readonly callbacks: GridCallbacks) {
    const cell = (canvas: HTMLCanvasElement, title: string, sub: string | HTMLElement) => h('figure', { class: 'eq-cell' }, [canvas, h('figcaption', {}, [h('strong', { text: title }), typeof sub === 'string' ? h('span', { text: sub }) : sub])]);
    const detail = h('section', { class: 'eq-detail', attrs: { 'aria-label': t('Close-up'), 'data-testid': 'detail' } }, [
      this.detailTitle,
      h('div', { class: 'eq-cells' }, [
        cell(this.canvases.digit, t('The digit, moved'), 'T_s x'),
        cell(this.canvases.shifted, t('Its map'), 'F(T_s x)'),
        cell(this.canvases.expected, t('The map, moved'), t('S_u F(x): what equivariance predicts')),
        cell(this.canvases.difference, t('Difference'), this.diffScale),
      ]),
      this.detailNote,
    ]);
    this.element = h('div', { class: 'eq' }, [this.maps, this.note, detail]);
    this.resize?.observe(this.maps);
  }

  private panelWidth(): number {
    const w = this.maps.clientWidth;
    if (w <= 0) return 300;
    return w >= 720 ? Math.floor((w - 2 * 16) / 3) : Math.min(460, w);
  }

  /** Projector mode: each map's box size (equivariance.css lays them out to take the free space), else ''. */
  private boxesKey(): string {
    const frames = this.panels.map((p) => projectorFrame(p.box));
    return frames.every((f) => f !== null) && frames.length > 0 ? frames.map((f) => `${f!.width}×${f!.height}`).join() : '';
  }

  fit(force = false): void {
    const w = this.panelWidth();
    const key = this.boxesKey();
    if (!force && key === this.projectorKey && Math.abs(w - this.width) < 24) return;
    this.projectorKey = key;
    this.width = w;
    this.panels.forEach((p) => (p.key = ''));
    if (this.last) this.render(this.last);
  }

  private last: EquivarianceMetrics | null = null;

  /** Before the first grid: the three maps with every cell grey, so the figure has its final size. */
  placeholder(): void {
    const empty = GRID_LAYERS.map((layers) => ({ layers: [...layers], shifts: [0, 1, 2, 3, 4, 5, 6], error: layers.map(() => new Array<number>(7).fill(NaN)) }));
    const m = { nets: [...GRID_NETS], labels: GRID_LABELS, grids: empty, images: 0, done: 0, wrap: false, detail: null } as unknown as EquivarianceMetrics;
    this.render(m);
    this.last = null;
    this.detailTitle.textContent = t('Close-up');
    this.detailNote.textContent = '\u00a0';
  }

  render(m: EquivarianceMetrics): void {
    this.last = m;
    if (this.panels.length !== m.nets.length) this.buildPanels(m);
    if (this.width === 0) this.width = this.panelWidth();
    m.grids.forEach((grid, k) => {
      const panel = this.panels[k];
      // Projector mode: drawn at the size its box takes, at the projector's font, each value as large
      // as that (valueChars), the margins as narrow as the labels allow (in 11 px units: scaled by the font).
      const p = projectorFrame(panel.box);
      const key = `${grid.layers.join()}|${p ? `${p.width}×${p.height}` : this.width}`;
      if (panel.key !== key || !panel.map) {
        panel.map = heatmap({
          title: t('Equivariance error of the {net}, layers × shifts', { net: t(m.labels[k]) }),
          width: p?.width ?? this.width,
          height: p?.height ?? 34 + 34 * grid.layers.length + 40,
          ...(p
            ? { fontSize: p.fontSize, valueChars: 4, margin: { left: 10 + 6.4 * Math.max(...grid.layers.map((l) => layerName(l).length)), top: 27, right: 4, bottom: 31 } }
            : { margin: { left: 92, top: 34 } }),
          rowLabels: grid.layers.map(layerName),
          colLabels: grid.shifts.map(String),
          xLabel: t('shift (pixels)'),
          colorMap: 'viridis',
          domain: ERROR_DOMAIN,
          showValues: true,
          format: (v) => (Number.isFinite(v) ? localNumber(v.toFixed(2)) : '–'),
        });
        panel.map.element.dataset.net = m.nets[k];
        panel.box.replaceChildren(panel.map.element);
        panel.key = key;
        panel.frame = null;
      }
      panel.map.update(grid.error);
    });
    this.frameDetail(m);
    const wrap = m.wrap ? t('wrap-around') : t('zero-fill');
    const scale = t('0: the layer follows the shift exactly; about 1.4: as unrelated as two different digits. Click a cell for a close-up.');
    this.note.textContent =
      m.done >= m.images
        ? t('Measured on {n} held-out test digits, {wrap} shifts. {scale}', { n: groupNumber(m.images), wrap, scale })
        : t('Measuring on held-out test digits: {done} of {n} so far, {wrap} shifts. {scale}', { done: groupNumber(m.done), n: groupNumber(m.images), wrap, scale });
    this.note.dataset.done = String(m.done);
    if (m.detail) this.renderDetail(m, m.detail);
  }

  private buildPanels(m: EquivarianceMetrics): void {
    this.panels = m.nets.map((id, k) => {
      const style = netStyle(id);
      const box = h('div', { class: 'eq-map lm-chart lm-fill' });
      this.resize?.observe(box);
      const element = h('section', { class: 'eq-panel', attrs: { 'data-testid': `grid-${id}`, 'aria-label': t(m.labels[k]) } }, [h('p', { class: 'eq-panel-title', text: t(m.labels[k]) }), box]);
      element.style.setProperty('--net-color', style.color);
      box.addEventListener('click', (e) => {
        const rect = (e.target as Element).closest('rect');
        const cells = rect?.parentElement;
        if (!rect || !cells?.classList.contains('cells')) return;
        const index = Array.prototype.indexOf.call(cells.children, rect);
        const cols = this.last?.grids[k].shifts.length ?? 7;
        this.callbacks.onPick(k, Math.floor(index / cols), index % cols);
      });
      return { element, box, map: null, key: '', frame: null };
    });
    this.maps.replaceChildren(...this.panels.map((p) => p.element));
  }

  /** Frame the close-up's cell in its net's heat map. */
  private frameDetail(m: EquivarianceMetrics): void {
    this.panels.forEach((panel, k) => {
      const d = m.detail;
      const cells = panel.map?.element.querySelector('g.cells');
      const cols = m.grids[k].shifts.length;
      const rect = d && d.net === k ? (cells?.children[d.layer * cols + d.shift] as SVGRectElement | undefined) : undefined;
      if (!rect || !cells) {
        panel.frame?.remove();
        panel.frame = null;
        return;
      }
      panel.frame ??= document.createElementNS(SVG_NS, 'rect');
      const frame = panel.frame;
      for (const a of ['x', 'y', 'width', 'height']) frame.setAttribute(a, rect.getAttribute(a) ?? '0');
      frame.setAttribute('class', 'eq-frame');
      frame.setAttribute('fill', 'none');
      frame.setAttribute('stroke', 'var(--c1, #d55e00)');
      frame.setAttribute('stroke-width', '3');
      frame.setAttribute('pointer-events', 'none');
      cells.parentElement?.append(frame);
    });
  }

  private renderDetail(m: EquivarianceMetrics, d: MapDetail): void {
    paintImage(this.canvases.digit, d.image, 28, 28, 'ink', [0, 1]);
    const range = finiteExtent([d.shifted, d.expected]) ?? [0, 1];
    const top = Math.max(1e-6, range[1]);
    paintImage(this.canvases.shifted, d.shifted, d.width, d.height, 'ink', [Math.min(0, range[0]), top]);
    paintImage(this.canvases.expected, d.expected, d.width, d.height, 'ink', [Math.min(0, range[0]), top]);
    const diff = d.shifted.map((v, i) => v - d.expected[i]);
    // Its own scale, so a small difference shows; never finer than a tenth of the maps' (float noise stays white).
    const spread = Math.max(top / 10, ...diff.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
    paintImage(this.canvases.difference, diff, d.width, d.height, 'diverging', [-spread, spread]);
    this.diffScale.textContent = t('red: more, blue: less (scale ±{spread}, maps 0–{top})', { spread: localNumber(spread.toPrecision(2)), top: localNumber(top.toPrecision(2)) });
    for (const c of [this.canvases.shifted, this.canvases.expected, this.canvases.difference]) c.dataset.shape = d.height === 1 ? 'vector' : 'map';
    const u = d.shift / d.stride;
    const units = { stride: d.stride, shift: d.shift, u: Number.isInteger(u) ? `${u}` : localNumber(u.toFixed(2)) };
    const move = d.height === 1 ? t('a vector: nothing to move, so equivariance means invariance') : u === 1 ? t('stride {stride}: a move of {shift} px is {u} map pixel', units) : t('stride {stride}: a move of {shift} px is {u} map pixels', units);
    const layer = layerName(d.label);
    this.detailTitle.textContent = t('Close-up: {net} · {layer} · shifted {shift} px · test digit {digit}', { net: t(m.labels[d.net]), layer, shift: d.shift, digit: d.digit });
    const channel = d.channel === null ? t('all {n} values', { n: d.channels }) : t('channel {c} of {n} (the most active)', { c: d.channel + 1, n: d.channels });
    this.detailNote.textContent = t('{layer}, {move}; {channel}. E for this digit: {error}.', { layer, move, channel, error: localNumber(d.error.toFixed(3)) });
    this.detailNote.dataset.error = d.error.toFixed(4);
  }

  /** The three heat maps (export). */
  svgs(): SVGSVGElement[] {
    return this.panels.map((p) => p.map?.element).filter((e): e is SVGSVGElement => e !== undefined);
  }
}
