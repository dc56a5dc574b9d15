/**
 * Several of a figure's charts as one standalone SVG, side by side (the export of a figure with more
 * than one chart): each serialised with its on-screen colours resolved, under a title, on the page's
 * background colour.
 */
import { toSVGString } from '../../../viz';

export function composeRow(svgs: readonly SVGSVGElement[], title: string, colors: { background: string; text: string }): SVGSVGElement | null {
  if (svgs.length === 0) return null;
  const ns = 'http://www.w3.org/2000/svg';
  const gap = 16;
  const heading = 28;
  const sizes = svgs.map((s) => ({ w: Number(s.getAttribute('width')) || 320, h: Number(s.getAttribute('height')) || 240 }));
  const width = sizes.reduce((a, s) => a + s.w, 0) + gap * (svgs.length - 1);
  const height = heading + Math.max(...sizes.map((s) => s.h));
  const root = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}`, class: 'viz', 'font-family': 'system-ui, sans-serif' })) root.setAttribute(k, String(v));
  const add = (tag: string, attrs: Record<string, string | number>) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    root.append(node);
    return node;
  };
  add('title', {}).textContent = title;
  add('rect', { x: 0, y: 0, width, height, fill: colors.background || '#ffffff' });
  add('text', { x: 4, y: 18, fill: colors.text || '#000000', 'font-size': 15, 'font-weight': 600 }).textContent = title;
  const parser = new DOMParser();
  let x = 0;
  svgs.forEach((svg, i) => {
    const copy = document.importNode(parser.parseFromString(toSVGString(svg), 'image/svg+xml').documentElement, true);
    copy.setAttribute('x', String(x));
    copy.setAttribute('y', String(heading));
    root.append(copy);
    x += sizes[i].w + gap;
  });
  return root;
}
