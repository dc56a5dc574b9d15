/** Bottom and left axes with labels, for charts over numeric x and y (d3-axis). */
import { axisBottom, axisLeft, type AxisScale } from 'd3-axis';
import { select } from 'd3-selection';
import { svgEl, type Frame } from './svg';
import { t } from '../i18n/t';

export interface AxesOptions {
  xLabel?: string;
  yLabel?: string;
}

export type TickFormat = ((v: number) => string) | null;

export interface Axes {
  /** Tick counts, from the plot size. */
  readonly xTicks: number;
  readonly yTicks: number;
  /** Redraws both axes for the scales' current domains. */
  render(x: AxisScale<number>, y: AxisScale<number>, xFormat?: TickFormat, yFormat?: TickFormat): void;
}

export function createAxes(doc: Document, plot: SVGGElement, f: Frame, options: AxesOptions): Axes {
  const xg = svgEl(doc, 'g', { class: 'axis axis-x', transform: `translate(0,${f.innerHeight})` }, plot);
  const yg = svgEl(doc, 'g', { class: 'axis axis-y' }, plot);
  if (options.xLabel) {
    svgEl(doc, 'text', {
      class: 'axis-label',
      x: f.innerWidth / 2,
      y: f.innerHeight + f.margin.bottom - Math.round(4 * f.font / 11),
      'text-anchor': 'middle',
      fill: 'currentColor',
    }, plot).textContent = t(options.xLabel);
  }
  if (options.yLabel) {
    svgEl(doc, 'text', {
      class: 'axis-label',
      // A rotated label's glyph box reaches past its em (descenders, large text): kept 4 units (at 11 px) inside the chart.
      transform: `translate(${Math.round((4 * f.font) / 11) - f.margin.left},${f.innerHeight / 2}) rotate(-90)`, dy: '0.71em',
      'text-anchor': 'middle',
      fill: 'currentColor',
    }, plot).textContent = t(options.yLabel);
  }
  // Tick spacing in text heights, so large text (projector mode) does not crowd.
  const k = f.font / 11;
  const xTicks = Math.max(2, Math.round(f.innerWidth / (80 * k)));
  const yTicks = Math.max(2, Math.round(f.innerHeight / (40 * k)));
  return {
    xTicks,
    yTicks,
    render(x, y, xFormat = null, yFormat = null) {
      const ax = axisBottom(x).ticks(xTicks);
      const ay = axisLeft(y).ticks(yTicks);
      if (xFormat) ax.tickFormat((d) => xFormat(+d));
      if (yFormat) ay.tickFormat((d) => yFormat(+d));
      select(xg).call(ax);
      select(yg).call(ay);
      // d3-axis writes font-size 10 on the axis: a chart laid out with larger text (projector mode) gets its ticks at that size.
      if (f.font > 11) for (const g of [xg, yg]) g.setAttribute('font-size', String(f.font));
    },
  };
}
