/**
 * A line chart's data per key (a line and/or a band) and what is derived from it: the extents of
 * the points actually plotted, and the summary sentence, e.g.
 * "Train accuracy: 98.0% at step 400 (max 98.0%)."
 */
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
