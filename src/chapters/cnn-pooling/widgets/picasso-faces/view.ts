/**
 * What the Picasso figure draws, from the run's metrics and the slider's t: the face as its parts
 * move (the face and its scrambled twin small at the slider's ends; the element puts the slider
 * between them), each face network's P(face) at t as a bar with its verdict, P(face) along t as
 * curves with a marker at t and the 50% line; then a test digit and its quadrant-swapped twin with
 * each digit network's reading of both; and the tally: how often each network calls a scrambled face
 * a face, and gives a swapped digit its label.
 */
import type { PicassoMetrics } from '../../runs/picasso';
import { formatPercent, lineChart, paintImage, type LineChart, type SeriesOptions } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { legendMargin, projectorFrame } from '../../../../widgets/base/panels';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { FIGURE_NET_IDS, netStyle, swatch } from '../nets-style';
import { tIndex } from './config';

const SIDE = 28;
const pct = (p: number) => (Number.isFinite(p) ? formatPercent(p, 0) : '–');
const answer = (top: number, p: number) => (Number.isFinite(top) ? `${top} (${pct(p)})` : '–');

interface Row {
  bar: HTMLElement;
  value: HTMLElement;
  verdict: HTMLElement;
}

export class PicassoView {
  readonly element: HTMLElement;
  /** The element puts the t slider here, between the face and its twin. */
  readonly controlSlot = h('div', { class: 'pc-controls' });
  private readonly verdict = h('p', { class: 'pc-verdict', attrs: { 'data-testid': 'verdict' } });
  private readonly face = h('canvas', { class: 'pc-face', attrs: { width: SIDE, height: SIDE, role: 'img', 'aria-label': t('The face, its parts moved'), 'data-testid': 'face' } });
  private readonly ends = [h('canvas', { class: 'pc-end', attrs: { width: SIDE, height: SIDE, role: 'img', 'aria-label': t('The face') } }), h('canvas', { class: 'pc-end', attrs: { width: SIDE, height: SIDE, role: 'img', 'aria-label': t('Its scrambled twin') } })];
  private readonly rows = h('div', { class: 'pc-rows', attrs: { role: 'list', 'aria-label': t('P(face) of each network') } });
  private rowParts: Row[] = [];
  // In projector mode the chart box takes the free space (picasso.css) and the chart is drawn at its size.
  private readonly chartBox = h('div', { class: 'pc-chart lm-chart lm-fill', attrs: { 'data-testid': 'face-curves' } });
  private chart: LineChart | null = null;
  private chartWidth = 0;
  /** Projector mode: the chart box's size the chart was drawn at ('' on the page). */
  private projectorKey = '';
  private readonly digits = [h('canvas', { class: 'pc-digit', attrs: { width: SIDE, height: SIDE, role: 'img', 'aria-label': t('The test digit') } }), h('canvas', { class: 'pc-digit', attrs: { width: SIDE, height: SIDE, role: 'img', 'aria-label': t('The digit with its quadrants swapped') } })];
  private readonly digitTable = h('tbody');
  private readonly tally = h('tbody');
  private readonly tallyNote = h('p', { class: 'pc-note', attrs: { 'data-testid': 'tally-note' } });
  private last: { m: PicassoMetrics; t: number } | null = null;

  constructor() {
    const table = (head: string[], body: HTMLElement, testId: string) =>
      h('table', { class: 'pc-table', attrs: { 'data-testid': testId } }, [h('thead', {}, [h('tr', {}, head.map((c) => h('th', { text: c, attrs: { scope: 'col' } })))]), body]);
    this.element = h('div', { class: 'pc' }, [
      this.verdict,
      h('div', { class: 'pc-top' }, [
        h('section', { class: 'pc-faces', attrs: { 'aria-label': t('The face') } }, [this.face, h('div', { class: 'pc-slider' }, [this.ends[0], this.controlSlot, this.ends[1]])]),
        h('section', { class: 'pc-bars', attrs: { 'aria-label': t('Each network') } }, [h('p', { class: 'pc-title', text: t('P(face), each network trained on faces vs non-faces') }), this.rows]),
      ]),
      h('section', { class: 'pc-curves' }, [h('p', { class: 'pc-title', text: t('P(face) as the parts move') }), this.chartBox]),
      h('div', { class: 'pc-bottom' }, [
        h('section', { class: 'pc-digits', attrs: { 'aria-label': t('A digit, its quadrants swapped') } }, [
          h('p', { class: 'pc-title', text: t('Digits: the four quadrants swapped diagonally') }),
          h('div', { class: 'pc-digit-pair' }, [this.digits[0], h('span', { class: 'pc-arrow', text: '→', attrs: { 'aria-hidden': 'true' } }), this.digits[1]]),
          table([t('network'), t('reads it as'), t('swapped: reads it as')], this.digitTable, 'digit-answers'),
        ]),
        h('section', { class: 'pc-tally', attrs: { 'aria-label': t('The tally') } }, [
          h('p', { class: 'pc-title', text: t('The tally over held-out images') }),
          table([t('network'), t('faces called “face”'), t('scrambled called “face”'), t('swapped digit keeps its label')], this.tally, 'tally'),
          this.tallyNote,
        ]),
      ]),
    ]);
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.chartBox);
  }

  /** Before the first metrics: the figure at its final size, empty (bars, the curves' axes, the tables' rows). */
  placeholder(): void {
    const nets = [...FIGURE_NET_IDS];
    const none = nets.map(() => NaN);
    const ts = Array.from({ length: 21 }, (_, k) => k / 20);
    const m = {
      nets,
      labels: nets,
      face: { index: 0, t: ts, images: ts.map(() => new Array<number>(SIDE * SIDE).fill(0)), pFace: nets.map(() => ts.map(() => NaN)) },
      digit: { slot: 0, label: -1, original: new Array<number>(SIDE * SIDE).fill(0), swapped: new Array<number>(SIDE * SIDE).fill(0), originalTop: none, swappedTop: none, originalConfidence: none, swappedConfidence: none },
      tally: { facesAsFace: none, scrambledAsFace: none, keepsLabel: none, faces: 0, digits: 0, facesTotal: 1, digitsTotal: 1 },
    } as unknown as PicassoMetrics;
    this.render(m, 0);
    this.last = null;
    this.verdict.textContent = '\u00a0';
    this.tallyNote.textContent = t('Counting…');
  }

  render(m: PicassoMetrics, at: number): void {
    this.renderFace(m, at);
    this.renderDigit(m);
    this.renderTally(m);
  }

  /** A t-slider move: only the face's part of the figure (from the metrics in hand). */
  retime(at: number): void {
    if (this.last) this.renderFace(this.last.m, at);
  }

  private renderFace(m: PicassoMetrics, at: number): void {
    this.last = { m, t: at };
    const k = tIndex(at);
    paintImage(this.face, m.face.images[k], SIDE, SIDE, 'ink', [0, 1]);
    paintImage(this.ends[0], m.face.images[0], SIDE, SIDE, 'ink', [0, 1]);
    paintImage(this.ends[1], m.face.images[m.face.images.length - 1], SIDE, SIDE, 'ink', [0, 1]);
    this.renderRows(m, k);
    this.renderChart(m, at);
    const faces = m.face.pFace.filter((p) => p[k] > 0.5).length;
    const params = { faces, n: m.nets.length, t: localNumber(at.toFixed(2)) };
    this.verdict.textContent =
      k === 0 ? t('The face: {faces} of {n} networks say “face”.', params) : k === 20 ? t('Its scrambled twin: {faces} of {n} networks say “face”.', params) : t('Parts moved {t} of the way: {faces} of {n} networks say “face”.', params);
  }

  private renderRows(m: PicassoMetrics, k: number): void {
    if (this.rowParts.length !== m.nets.length) {
      this.rowParts = [];
      this.rows.replaceChildren(
        ...m.nets.map((id) => {
          const style = netStyle(id);
          const bar = h('span', { class: 'pc-bar-fill' });
          const value = h('span', { class: 'pc-value', attrs: { 'data-testid': `p-face-${id}` } });
          const verdict = h('span', { class: 'pc-says' });
          this.rowParts.push({ bar, value, verdict });
          const row = h('div', { class: 'pc-row', attrs: { role: 'listitem', 'data-net': id } }, [h('span', { class: 'pc-name' }, [swatch(style), h('span', { text: style.short })]), h('span', { class: 'pc-bar' }, [bar, h('span', { class: 'pc-half', attrs: { 'aria-hidden': 'true' } })]), value, verdict]);
          row.style.setProperty('--net-color', style.color);
          return row;
        }),
      );
    }
    this.rowParts.forEach((row, j) => {
      const p = m.face.pFace[j][k];
      row.bar.style.transform = `scaleX(${p})`;
      row.value.textContent = pct(p);
      row.verdict.textContent = p > 0.5 ? t('face') : t('not a face');
      row.verdict.dataset.face = String(p > 0.5);
    });
  }

  private renderChart(m: PicassoMetrics, at: number): void {
    const width = this.width();
    const p = projectorFrame(this.chartBox);
    const key = p ? `${p.width}×${p.height}` : '';
    if (!this.chart || key !== this.projectorKey || (!p && Math.abs(width - this.chartWidth) >= 24)) {
      const series: Record<string, SeriesOptions> = Object.fromEntries(m.nets.map((id) => [id, { label: netStyle(id).short, color: netStyle(id).color, dash: netStyle(id).dash }]));
      series.half = { label: formatPercent(0.5, 0), color: 'var(--muted, #5f5f5f)', dash: '1 3' };
      series.here = { label: t('this t'), color: 'var(--muted, #5f5f5f)', dash: '2 3' };
      // Projector mode: the box's size at the projector's font, the top margin the legend's rows take there.
      const size = p
        ? { width: p.width, height: p.height, fontSize: p.fontSize, margin: { top: legendMargin(Object.values(series).map((x) => t(x.label ?? '')), p.width, 60, 16, p.fontSize) } }
        : { width, height: Math.round(Math.max(190, Math.min(280, width * 0.36))), margin: { top: width < 520 ? 58 : 40 } };
      this.chart = lineChart({ title: t('P(face) of each network as the face’s parts move to their scrambled places'), ...size, xLabel: t('parts moved (0: face, 1: scrambled twin)'), yLabel: t('P(face)'), xDomain: [0, 1], yDomain: [0, 1], yFormat: (v) => formatPercent(v, 0), xName: 't', series });
      this.chartWidth = width;
      this.projectorKey = key;
      this.chartBox.replaceChildren(this.chart.element);
    }
    const chart = this.chart;
    m.nets.forEach((id, j) => chart.setSeries(id, m.face.t, m.face.pFace[j]));
    chart.setSeries('half', [0, 1], [0.5, 0.5]);
    chart.setSeries('here', [at, at], [0, 1]);
    chart.render();
  }

  private width(): number {
    const w = Math.round(this.chartBox.clientWidth);
    return w > 0 ? Math.min(900, w) : 640;
  }

  fit(force = false): void {
    const p = projectorFrame(this.chartBox);
    const key = p ? `${p.width}×${p.height}` : '';
    if (this.last && (force || key !== this.projectorKey || (!p && Math.abs(this.width() - this.chartWidth) >= 24))) {
      this.chart = null;
      this.render(this.last.m, this.last.t);
    }
  }

  private renderDigit(m: PicassoMetrics): void {
    const d = m.digit;
    paintImage(this.digits[0], d.original, SIDE, SIDE, 'ink', [0, 1]);
    paintImage(this.digits[1], d.swapped, SIDE, SIDE, 'ink', [0, 1]);
    this.digitTable.replaceChildren(
      ...m.nets.map((id, j) =>
        h('tr', { attrs: { 'data-net': id } }, [
          h('th', { text: netStyle(id).short, attrs: { scope: 'row' } }),
          h('td', { text: answer(d.originalTop[j], d.originalConfidence[j]), attrs: { 'data-right': String(d.originalTop[j] === d.label) } }),
          h('td', { text: answer(d.swappedTop[j], d.swappedConfidence[j]), attrs: { 'data-right': String(d.swappedTop[j] === d.label) } }),
        ]),
      ),
    );
  }

  private renderTally(m: PicassoMetrics): void {
    const tl = m.tally;
    this.tally.replaceChildren(
      ...m.nets.map((id, j) =>
        h('tr', { attrs: { 'data-net': id } }, [h('th', { text: netStyle(id).short, attrs: { scope: 'row' } }), ...[tl.facesAsFace[j], tl.scrambledAsFace[j], tl.keepsLabel[j]].map((v, c) => h('td', { text: pct(v), attrs: { 'data-testid': `tally-${id}-${c}` } }))]),
      ),
    );
    const done = tl.faces >= tl.facesTotal && tl.digits >= tl.digitsTotal;
    this.tallyNote.textContent = done
      ? t('{faces} fresh faces and their scrambled twins; {digits} held-out digits (chance: {chance}).', { faces: groupNumber(tl.facesTotal), digits: groupNumber(tl.digitsTotal), chance: formatPercent(0.1, 0) })
      : t('Counting: {faces} of {facesTotal} faces, {digits} of {digitsTotal} digits so far.', { faces: groupNumber(tl.faces), facesTotal: groupNumber(tl.facesTotal), digits: groupNumber(tl.digits), digitsTotal: groupNumber(tl.digitsTotal) });
    this.tallyNote.dataset.done = String(done);
  }

  /** The chart (export). */
  svg(): SVGSVGElement | null {
    return this.chart?.element ?? null;
  }
}
