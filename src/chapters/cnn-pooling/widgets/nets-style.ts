/**
 * How the chapter's figures show its five nets: the same colour, dash and short name for a net in
 * every figure. Page code: it names the nets here rather than importing ../nets.ts (which brings the
 * lib's tfjs models along); a unit test checks the two lists agree.
 */
import { t } from '../../../i18n/t';
import { seriesColor, seriesDash } from '../../../viz';
import type { NetId } from '../nets';

export interface NetStyle {
  id: NetId;
  /** "Max-pool", as in a legend (in the page's language); the full label is the run's. */
  short: string;
  color: string;
  dash: string;
}

/** The nets in the runs' order (runs/…: NET_IDS), each with its palette slot. */
const NETS: readonly { id: NetId; short: string; slot: number }[] = [
  { id: 'mlp', short: 'MLP', slot: 4 },
  { id: 'max', short: 'Max-pool', slot: 0 },
  { id: 'blur', short: 'MaxBlurPool', slot: 2 },
  { id: 'gap', short: 'Global pool', slot: 1 },
  { id: 'augmented', short: 'Max-pool + shifts', slot: 3 },
];

export const FIGURE_NET_IDS: readonly NetId[] = NETS.map((n) => n.id);

export function netStyle(id: NetId): NetStyle {
  const n = NETS.find((x) => x.id === id) ?? NETS[0];
  return { id, short: t(n.short), color: seriesColor(n.slot), dash: seriesDash(n.slot) };
}

/** A short inline line sample in a net's colour and dash (legends, cards). */
export function swatch(style: NetStyle): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 28 8', width: '28', height: '8', 'aria-hidden': 'true', class: 'pool-swatch' })) svg.setAttribute(k, v);
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: '1', x2: '27', y1: '4', y2: '4', stroke: style.color, 'stroke-width': '3', 'stroke-linecap': 'round' })) line.setAttribute(k, v);
  if (style.dash) line.setAttribute('stroke-dasharray', style.dash);
  svg.append(line);
  return svg;
}
