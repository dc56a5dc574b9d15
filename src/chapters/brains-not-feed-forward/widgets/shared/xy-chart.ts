/**
 * A small x–y chart drawn on a canvas, for the figures' curves that grow point by point: lines,
 * dots (a sweep's measured points), vertical markers (the slider's value) and a legend row. Scales
 * and ticks from d3-scale; colours from the page (palette). Pure drawing: give it finished arrays.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { canvasFont, fitCanvas, palette } from './canvas';
import { describeData, type DataTable } from '../../../../viz/dataTable';
import { localNumber, t } from '../../../../i18n/t';

export interface XYSeries {
  label: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** A palette slot 0…5, 'fg' or 'muted' (the page's colours), or a literal colour. */
  colour: string | number;
  dash?: number[];
  /** Draw a dot at every point (and a line unless `line` is false). */
  dots?: boolean;
  line?: boolean;
}

export interface XYChartOptions {
  width: number;
  height: number;
  xDomain: [number, number];
  /** Fixed y domain; default fitted to the data (and `yInclude`). */
  yDomain?: [number, number];
  yInclude?: number[];
  yLog?: boolean;
  xLabel: string;
  yLabel: string;
  series: XYSeries[];
  /** Vertical lines, e.g. the current slider value. */
  markers?: { x: number; label?: string; colour?: string | number }[];
  /** A horizontal reference line (e.g. y = 0). */
  reference?: number;
  scale?: number;
  /** Tick labels of the y axis (the x axis: plain numbers). */
  yFormat?: (v: number) => string;
}

/**
 * The chart's numbers as one table (issue 17): x (its axis label) down the first column, one column
 * per series (its legend label, else the y axis label); a series without a value at some x leaves
 * that cell empty. Built from the arrays last drawn, only when a reader opens the table.
 */
export function xyTable(title: string, o: Pick<XYChartOptions, 'xLabel' | 'yLabel' | 'series'>): DataTable {
  const series = o.series.filter((s) => s.xs.length > 0);
  const xs = [...new Set(series.flatMap((s) => Array.from(s.xs)).filter(Number.isFinite))].sort((a, b) => a - b);
  const at = series.map((s) => {
    const m = new Map<number, number>();
    for (let i = 0; i < s.xs.length; i++) if (Number.isFinite(s.ys[i])) m.set(s.xs[i], s.ys[i]);
    return m;
  });
  const yLabel = t(o.yLabel);
  return {
    title,
    columns: [t(o.xLabel), ...series.map((s) => (s.label ? `${t(s.label)} (${yLabel})` : yLabel))],
    rows: xs.map((x) => [x, ...at.map((m) => m.get(x) ?? null)]),
  };
}

export function drawXYChart(canvas: HTMLCanvasElement, o: XYChartOptions): void {
  describeData(canvas, () => [xyTable(canvas.getAttribute('aria-label') || t(o.yLabel), o)]);
  const ctx = fitCanvas(canvas, o.width, o.height);
  if (!ctx) return;
  const k = o.scale ?? 1;
  const colours = palette(canvas);
  const colour = (c: string | number) => (typeof c === 'number' ? colours.c[c % colours.c.length] : c === 'fg' ? colours.fg : c === 'muted' ? colours.muted : c);
  const font = (px: number, weight = 400) => canvasFont(canvas, Math.round(px * k), weight);
  // Legend rows first: they set the top margin.
  ctx.font = font(11);
  const legendItems = o.series.filter((s) => s.label);
  const rows: XYSeries[][] = [[]];
  let lineX = 0;
  for (const s of legendItems) {
    const w = 26 * k + ctx.measureText(s.label).width + 12 * k;
    if (lineX > 0 && lineX + w > o.width - 8) {
      rows.push([]);
      lineX = 0;
    }
    rows[rows.length - 1].push(s);
    lineX += w;
  }
  const legendH = legendItems.length ? rows.length * 15 * k + 4 : 0;
  const margin = { top: legendH + 8 * k, right: 10 * k, bottom: 34 * k, left: 48 * k };
  const plotW = Math.max(10, o.width - margin.left - margin.right);
  const plotH = Math.max(10, o.height - margin.top - margin.bottom);

  let lo = Infinity;
  let hi = -Infinity;
  for (const s of o.series) {
    for (let i = 0; i < s.ys.length; i++) {
      const v = s.ys[i];
      if (Number.isFinite(v) && (!o.yLog || v > 0) && Number.isFinite(s.xs[i])) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  for (const v of o.yInclude ?? []) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) [lo, hi] = o.yLog ? [0.1, 1] : [0, 1];
  if (lo === hi) [lo, hi] = o.yLog ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  const y = (o.yLog ? scaleLog() : scaleLinear()).domain(o.yDomain ?? [lo, hi]).range([margin.top + plotH, margin.top]);
  if (!o.yDomain) y.nice();
  const x = scaleLinear().domain(o.xDomain).range([margin.left, margin.left + plotW]);
  // Numbers with the page's decimal mark (French: 0,5).
  const plain = (v: number) => localNumber(Math.abs(v) >= 1e4 ? `${Number((v / 1000).toPrecision(3))}k` : String(Number(v.toPrecision(3))));
  const fmt = o.yFormat ?? plain;

  // Axes and grid.
  ctx.strokeStyle = colours.border;
  ctx.lineWidth = 1;
  ctx.fillStyle = colours.muted;
  ctx.font = font(10);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  // Scaled-up text (projector mode) gets fewer ticks where the plot is short, so they do not crowd.
  const yCount = k > 1 ? Math.max(2, Math.min(5, Math.floor(plotH / (28 * k)))) : 5;
  const yTicks = o.yLog ? y.ticks(4).filter((_, i, a) => a.length <= 6 || i % Math.ceil(a.length / 6) === 0) : y.ticks(yCount);
  for (const t of yTicks) {
    const py = Math.round(y(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(margin.left, py);
    ctx.lineTo(margin.left + plotW, py);
    ctx.stroke();
    ctx.fillText(o.yLog ? localNumber(t >= 0.01 && t < 1e4 ? String(t) : t.toExponential(0)) : fmt(t), margin.left - 4, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks(Math.max(2, Math.floor(plotW / (60 * k))))) {
    // Centred on its tick, but kept inside the canvas: the last tick sits 10 px from the right edge.
    const label = plain(t);
    const half = ctx.measureText(label).width / 2;
    ctx.fillText(label, Math.min(x(t), o.width - half - 2 * k), margin.top + plotH + 4);
  }
  ctx.strokeStyle = colours.muted;
  ctx.strokeRect(margin.left + 0.5, margin.top + 0.5, plotW, plotH);
  ctx.fillText(o.xLabel, margin.left + plotW / 2, margin.top + plotH + 18 * k);
  ctx.save();
  ctx.translate(11 * k, margin.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(o.yLabel, 0, -6 * k);
  ctx.restore();

  ctx.save();
  ctx.beginPath();
  ctx.rect(margin.left, margin.top, plotW, plotH);
  ctx.clip();
  if (o.reference !== undefined) {
    ctx.strokeStyle = colours.muted;
    ctx.setLineDash([3, 4]);
    ctx.beginPath();
    ctx.moveTo(margin.left, y(o.reference));
    ctx.lineTo(margin.left + plotW, y(o.reference));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const m of o.markers ?? []) {
    ctx.strokeStyle = colour(m.colour ?? colours.fg);
    ctx.globalAlpha = 0.6;
    ctx.lineWidth = 1.5 * k;
    ctx.beginPath();
    ctx.moveTo(x(m.x), margin.top);
    ctx.lineTo(x(m.x), margin.top + plotH);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  const ok = (s: XYSeries, i: number) => Number.isFinite(s.xs[i]) && Number.isFinite(s.ys[i]) && (!o.yLog || s.ys[i] > 0);
  for (const s of o.series) {
    ctx.strokeStyle = colour(s.colour);
    ctx.fillStyle = colour(s.colour);
    ctx.lineWidth = 2 * k;
    ctx.setLineDash((s.dash ?? []).map((d) => d * k));
    if (s.line !== false) {
      ctx.beginPath();
      let open = false;
      for (let i = 0; i < s.xs.length; i++) {
        if (!ok(s, i)) {
          open = false;
          continue;
        }
        if (open) ctx.lineTo(x(s.xs[i]), y(s.ys[i]));
        else ctx.moveTo(x(s.xs[i]), y(s.ys[i]));
        open = true;
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    if (s.dots) {
      for (let i = 0; i < s.xs.length; i++) {
        if (!ok(s, i)) continue;
        ctx.beginPath();
        ctx.arc(x(s.xs[i]), y(s.ys[i]), 3.2 * k, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
  ctx.restore();
  for (const m of o.markers ?? []) {
    if (!m.label) continue;
    ctx.fillStyle = colour(m.colour ?? colours.fg);
    ctx.font = font(10, 600);
    ctx.textBaseline = 'bottom';
    const px = x(m.x);
    ctx.textAlign = px > margin.left + plotW - 40 * k ? 'right' : 'left';
    ctx.fillText(m.label, px + (ctx.textAlign === 'right' ? -3 : 3), margin.top + plotH - 3);
  }

  // Legend.
  ctx.font = font(11);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  rows.forEach((row, r) => {
    let lx = 4;
    const ly = 8 * k + r * 15 * k;
    for (const s of row) {
      ctx.strokeStyle = colour(s.colour);
      ctx.fillStyle = colour(s.colour);
      ctx.lineWidth = 2 * k;
      ctx.setLineDash((s.dash ?? []).map((d) => d * k));
      if (s.line !== false) {
        ctx.beginPath();
        ctx.moveTo(lx, ly);
        ctx.lineTo(lx + 20 * k, ly);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      if (s.dots) {
        ctx.beginPath();
        ctx.arc(lx + 10 * k, ly, 3 * k, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.fillStyle = colours.fg;
      ctx.fillText(s.label, lx + 26 * k, ly);
      lx += 26 * k + ctx.measureText(s.label).width + 12 * k;
    }
  });
}
