/**
 * A line chart's data per key (a line and/or a band) and what is derived from it: the extents of
 * the points actually plotted, and the summary sentence, e.g.
 * "Train accuracy: 98.0% at step 400 (max 98.0%)."
 */
import type { Cell, DataTable } from './dataTable';
import { formatInteger, type Format } from './format';
import { t } from '../i18n/t';

export interface SeriesData {
  label: string;
  best?: 'max' | 'min';
  format?: Format;
  xs: number[];
  ys: number[];
  bandX: number[];
  lo: number[];
  hi: number[];
}

export interface SentenceOptions {
  yFormat: Format;
  xFormat: Format;
  /** "step", "epoch", ...: the x quantity's name. */
  xName: string;
  /** Whether a y value is plotted (finite, and positive on a log scale). */
  keep: (y: number) => boolean;
}

function lastIndex(n: number, ok: (i: number) => boolean): number {
  for (let i = n - 1; i >= 0; i--) if (ok(i)) return i;
  return -1;
}

/** One sentence for the series, or '' when it has nothing plotted. */
export function seriesSentence(s: SeriesData, o: SentenceOptions): string {
  const n = Math.min(s.xs.length, s.ys.length);
  const plotted = (i: number) => Number.isFinite(s.xs[i]) && o.keep(s.ys[i]);
  const i = lastIndex(n, plotted);
  const nb = Math.min(s.bandX.length, s.lo.length, s.hi.length);
  const j = lastIndex(nb, (k) => Number.isFinite(s.bandX[k]) && o.keep(s.lo[k]) && o.keep(s.hi[k]));
  if (i < 0 && j < 0) return '';
  const at = (x: number) => t('at {x} {value}', { x: o.xName, value: o.xFormat(x) });
  const range = j >= 0 ? t('{lo} to {hi}', { lo: o.yFormat(s.lo[j]), hi: o.yFormat(s.hi[j]) }) : '';
  if (i < 0) return `${s.label}: ${range} ${at(s.bandX[j])}.`;

  let text = `${s.label}: ${o.yFormat(s.ys[i])} ${at(s.xs[i])}`;
  const notes: string[] = [];
  if (s.best) {
    let best = s.ys[i];
    for (let k = 0; k < n; k++) {
      if (plotted(k) && (s.best === 'max' ? s.ys[k] > best : s.ys[k] < best)) best = s.ys[k];
    }
    notes.push(`${t(s.best)} ${o.yFormat(best)}`);
  }
  let skipped = 0;
  for (let k = 0; k < n; k++) if (!plotted(k)) skipped++;
  if (skipped) notes.push(t(skipped === 1 ? '{n} point not plotted' : '{n} points not plotted', { n: formatInteger(skipped) }));
  if (notes.length) text += ` (${notes.join('; ')})`;
  if (j >= 0) text += `, ${t('band')} ${range}${s.bandX[j] === s.xs[i] ? '' : ` ${at(s.bandX[j])}`}`;
  return `${text}.`;
}

export interface Extents {
  x?: [number, number];
  y?: [number, number];
}

/** x and y extents over plotted points only: a point counts when its x and all its y values are kept. */
export function plottedExtents(all: Iterable<SeriesData>, keep: (y: number) => boolean): Extents {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  const add = (x: number, ys: number[]) => {
    if (!Number.isFinite(x) || !ys.every(keep)) return;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    for (const y of ys) {
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  };
  for (const s of all) {
    for (let i = 0; i < Math.min(s.xs.length, s.ys.length); i++) add(s.xs[i], [s.ys[i]]);
    for (let i = 0; i < Math.min(s.bandX.length, s.lo.length, s.hi.length); i++) add(s.bandX[i], [s.lo[i], s.hi[i]]);
  }
  return { x: x0 <= x1 ? [x0, x1] : undefined, y: y0 <= y1 ? [y0, y1] : undefined };
}

/** One key's columns over its own x values: a line's y, or a band's low and high. */
interface ColumnGroup {
  label: string;
  x: number[];
  values: number[][];
  names: string[];
}

const increasing = (x: number[]) => x.every((v, i) => i === 0 || v > x[i - 1]);

/**
 * The plotted data as tables: an x column, then a column per line and two per band (low, high).
 * Where every key's x values increase (steps, epochs), one table joined on x (a key without a value
 * at some x leaves its cell empty); otherwise (a curve that turns back, repeated x) a table per key,
 * its points in order.
 */
export function lineTables(title: string, xHeader: string, all: Iterable<SeriesData>): DataTable[] {
  const groups: ColumnGroup[] = [];
  for (const s of all) {
    const n = Math.min(s.xs.length, s.ys.length);
    if (n) groups.push({ label: s.label, x: s.xs.slice(0, n), values: [s.ys], names: [s.label] });
    const nb = Math.min(s.bandX.length, s.lo.length, s.hi.length);
    if (nb) groups.push({ label: s.label, x: s.bandX.slice(0, nb), values: [s.lo, s.hi], names: [t('{label} (low)', { label: s.label }), t('{label} (high)', { label: s.label })] });
  }
  if (!groups.every((g) => increasing(g.x))) {
    return groups.map((g) => ({ title: `${title}: ${g.label}`, columns: [xHeader, ...g.names], rows: g.x.map((x, i) => [x, ...g.values.map((v) => v[i])]) }));
  }
  const columns = [xHeader, ...groups.flatMap((g) => g.names)];
  const rows = new Map<number, Cell[]>();
  let offset = 1;
  for (const g of groups) {
    g.x.forEach((x, i) => {
      let row = rows.get(x);
      if (!row) rows.set(x, (row = [x, ...Array<Cell>(columns.length - 1).fill(null)]));
      g.values.forEach((v, j) => (row[offset + j] = v[i]));
    });
    offset += g.values.length;
  }
  return groups.length ? [{ title, columns, rows: [...rows.values()].sort((a, b) => (a[0] as number) - (b[0] as number)) }] : [];
}
