/**
 * A heatmap of a small matrix (confusion matrices, kernels, similarity tables): one SVG `<rect>`
 * per cell, reused across updates, row and column labels, an optional value in each cell and a
 * colour ramp. For large matrices (weights, thousands of cells) draw them as an image with
 * `imageGrid` instead. Non-finite cells are drawn in a neutral grey and left out of the domain.
 */
import { select } from 'd3-selection';
import { finiteExtent, normalizer, symmetricDomain, type Domain } from './domain';
import { formatInteger, formatNumber, type Format } from './format';
import { renderColorRamp } from './legend';
import { contrastText, resolveColorMap, rgbString, type ColorMap, type ColorMapName } from './palette';
import { createSvgRoot, frame, resolveDocument, svgEl, type ChartOptions } from './svg';
import { describeData, type Cell as TableCell } from './dataTable';
import { t } from '../i18n/t';

/** Rows of numbers, or a flat row-major array with its shape (e.g. a Float32Array from a tensor). */
export type Matrix = ReadonlyArray<ArrayLike<number>> | { values: ArrayLike<number>; rows: number; cols: number };

export interface HeatmapOptions extends ChartOptions {
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  xLabel?: string;
  yLabel?: string;
  /** Default 'viridis'; 'diverging' centres the default domain on zero. */
  colorMap?: ColorMapName | ColorMap;
  /** Fixed value domain; default: the finite extent (symmetric about 0 for 'diverging'). */
  domain?: Domain;
  /** Write each cell's value in it. */
  showValues?: boolean;
  /** Formats cell values, ramp ends and the summary. Default `formatNumber`. */
  format?: Format;
  /**
   * The longest formatted value, in characters: values are sized to fit it in a cell (up to the
   * chart's font, and 0.6 of a cell's height). Without it, a value takes at most 0.3 of a cell's
   * width (four characters or so) and 0.45 of its height.
   */
  valueChars?: number;
}

export interface Heatmap {
  readonly element: SVGSVGElement;
  update(matrix: Matrix): void;
  summary(): string;
}

interface Cell {
  r: number;
  c: number;
  v: number;
}

const MARGIN = { top: 34, right: 12, bottom: 40, left: 56 };
const MISSING = 'var(--border, #d0d0d0)';
/** Without labels, axes show indices only up to this many rows or columns. */
const MAX_INDEX_LABELS = 20;

function flatten(m: Matrix): { values: ArrayLike<number>; rows: number; cols: number } {
  if (!Array.isArray(m)) return m as { values: ArrayLike<number>; rows: number; cols: number };
  const rows = m.length;
  const cols = rows ? Math.max(...m.map((row: ArrayLike<number>) => row.length)) : 0;
  const values = new Float64Array(rows * cols).fill(NaN);
  m.forEach((row: ArrayLike<number>, r: number) => {
    for (let c = 0; c < row.length; c++) values[r * cols + c] = row[c];
  });
  return { values, rows, cols };
}

function labelsFor(n: number, given: readonly string[] | undefined): string[] {
  if (given) return Array.from({ length: n }, (_, i) => given[i] ?? String(i));
  return n <= MAX_INDEX_LABELS ? Array.from({ length: n }, (_, i) => String(i)) : [];
}

export function heatmap(options: HeatmapOptions): Heatmap {
  const doc = resolveDocument(options.document);
  const f = frame(options.width ?? 320, options.height ?? 320, options.margin, MARGIN, options.fontSize);
  const { svg, desc, plot } = createSvgRoot(doc, f, options.title, 'viz-heatmap');
  const cellsG = svgEl(doc, 'g', { class: 'cells' }, plot);
  const valuesG = svgEl(doc, 'g', { class: 'values', 'text-anchor': 'middle' }, plot);
  const rowsG = svgEl(doc, 'g', { class: 'row-labels', 'text-anchor': 'end', fill: 'currentColor' }, plot);
  const colsG = svgEl(doc, 'g', { class: 'col-labels', 'text-anchor': 'middle', fill: 'currentColor' }, plot);
  const ramp = svgEl(doc, 'g', { class: 'color-ramp', transform: `translate(${f.margin.left},4)` }, svg);
  if (options.xLabel) {
    svgEl(doc, 'text', { class: 'axis-label', x: f.innerWidth / 2, y: f.innerHeight + f.margin.bottom - Math.round((4 * f.font) / 11), 'text-anchor': 'middle', fill: 'currentColor' }, plot).textContent = t(options.xLabel);
  }
  if (options.yLabel) {
    svgEl(doc, 'text', { class: 'axis-label', transform: `translate(${Math.round((4 * f.font) / 11) - f.margin.left},${f.innerHeight / 2}) rotate(-90)`, dy: '0.71em', 'text-anchor': 'middle', fill: 'currentColor' }, plot).textContent = t(options.yLabel);
  }
  const mapName = options.colorMap ?? 'viridis';
  const map = resolveColorMap(mapName);
  const format = options.format ?? formatNumber;

  let shape = { values: new Float64Array(0) as ArrayLike<number>, rows: 0, cols: 0 };
  let rowNames: string[] = [];
  let colNames: string[] = [];

  function update(matrix: Matrix): void {
    shape = flatten(matrix);
    const { values, rows, cols } = shape;
    const cells: Cell[] = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push({ r, c, v: values[r * cols + c] });
    const domain = options.domain ?? (mapName === 'diverging' ? symmetricDomain([values]) : finiteExtent([values]) ?? [0, 1]);
    const t = normalizer(domain);
    const cw = f.innerWidth / Math.max(1, cols);
    const ch = f.innerHeight / Math.max(1, rows);
    const gap = Math.min(cw, ch) >= 8 ? 1 : 0;
    const fill = (v: number) => (Number.isFinite(v) ? rgbString(map(t(v))) : MISSING);

    select(cellsG)
      .selectAll<SVGRectElement, Cell>('rect')
      .data(cells)
      .join((enter) => enter.append('rect'))
      .attr('x', (d) => d.c * cw)
      .attr('y', (d) => d.r * ch)
      .attr('width', Math.max(0, cw - gap))
      .attr('height', Math.max(0, ch - gap))
      .attr('fill', (d) => fill(d.v));

    const fontSize = options.valueChars ? Math.min(f.font, ch * 0.6, (cw * 0.85) / (0.62 * options.valueChars)) : Math.min(f.font, ch * 0.45, cw * 0.3);
    select(valuesG)
      .attr('font-size', fontSize)
      .selectAll<SVGTextElement, Cell>('text')
      .data(options.showValues ? cells : [])
      .join((enter) => enter.append('text'))
      .attr('x', (d) => d.c * cw + (cw - gap) / 2)
      .attr('y', (d) => d.r * ch + (ch - gap) / 2)
      .attr('dy', '0.35em')
      .attr('fill', (d) => (Number.isFinite(d.v) ? contrastText(map(t(d.v))) : '#000000'))
      .text((d) => format(d.v));

    rowNames = labelsFor(rows, options.rowLabels);
    colNames = labelsFor(cols, options.colLabels);
    select(rowsG)
      .selectAll<SVGTextElement, string>('text')
      .data(rowNames)
      .join((enter) => enter.append('text'))
      .attr('x', -4)
      .attr('y', (_, r) => r * ch + ch / 2)
      .attr('dy', '0.35em')
      .text((d) => d);
    select(colsG)
      .selectAll<SVGTextElement, string>('text')
      .data(colNames)
      .join((enter) => enter.append('text'))
      .attr('x', (_, c) => c * cw + cw / 2)
      // Below the cells at any font (12 px under them at 11 px text).
      .attr('y', f.innerHeight + Math.round((12 * f.font) / 11))
      .text((d) => d);

    renderColorRamp(doc, ramp, map, domain, Math.min(160 * f.font / 11, f.innerWidth), format, 32, f.font);
    desc.textContent = summary();
  }

  function cellName(r: number, c: number): string {
    const row = rowNames[r] ?? String(r);
    const col = colNames[c] ?? String(c);
    return t('row {row}, column {col}', { row, col });
  }

  function summary(): string {
    const { values, rows, cols } = shape;
    if (rows * cols === 0) return t('Empty matrix.');
    let lo = -1;
    let hi = -1;
    let sum = 0;
    let n = 0;
    for (let i = 0; i < rows * cols; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (lo < 0 || v < values[lo]) lo = i;
      if (hi < 0 || v > values[hi]) hi = i;
      sum += v;
      n++;
    }
    const size = { rows: formatInteger(rows), cols: formatInteger(cols) };
    if (n === 0) return t('{rows} × {cols} matrix, no finite values.', size);
    const parts = [
      t('{rows} × {cols} matrix, values from {lo} to {hi}, mean {mean}.', { ...size, lo: format(values[lo]), hi: format(values[hi]), mean: format(sum / n) }),
      t('Largest: {cell} ({value}).', { cell: cellName(Math.floor(hi / cols), hi % cols), value: format(values[hi]) }),
      t('Smallest: {cell} ({value}).', { cell: cellName(Math.floor(lo / cols), lo % cols), value: format(values[lo]) }),
    ];
    const missing = rows * cols - n;
    if (missing > 0) parts.push(t(missing === 1 ? '{n} non-finite cell shown in grey.' : '{n} non-finite cells shown in grey.', { n: formatInteger(missing) }));
    return parts.join(' ');
  }

  // A row per matrix row, headed by its label; a column per matrix column.
  describeData(svg, () => {
    const { values, rows, cols } = shape;
    return [{
      title: svg.getAttribute('aria-label') ?? '',
      columns: [t(options.yLabel ?? 'row'), ...Array.from({ length: cols }, (_, c) => colNames[c] ?? String(c))],
      rows: Array.from({ length: rows }, (_, r): TableCell[] => [rowNames[r] ?? String(r), ...Array.from({ length: cols }, (_, c) => values[r * cols + c])]),
    }];
  });
  update([]);
  return { element: svg, update, summary };
}
