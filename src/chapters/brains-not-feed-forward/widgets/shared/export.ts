/**
 * Export for figures drawn on canvases: one standalone SVG of the stage as it looks on screen, each
 * canvas embedded as a PNG image and each chart SVG (class viz) nested as vectors, at its offset in
 * the stage, with the panel titles (class dyn-panel-title) and stat lines (class dyn-stats) as text.
 */
import { toSVGString } from '../../../../viz';

const NS = 'http://www.w3.org/2000/svg';

export function stageFigure(stage: HTMLElement, title: string): SVGSVGElement | null {
  const box = stage.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return null;
  const style = getComputedStyle(stage);
  const background = style.getPropertyValue('--bg').trim() || '#ffffff';
  const text = style.color || '#000000';
  const heading = 28;
  const width = Math.round(box.width);
  const height = Math.round(box.height) + heading;
  const root = document.createElementNS(NS, 'svg');
  for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}`, class: 'viz', 'font-family': 'system-ui, sans-serif' })) root.setAttribute(k, String(v));
  const add = (tag: string, attrs: Record<string, string | number>) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    root.append(node);
    return node;
  };
  add('title', {}).textContent = title;
  add('rect', { x: 0, y: 0, width, height, fill: background });
  add('text', { x: 4, y: 18, fill: text, 'font-size': 15, 'font-weight': 600 }).textContent = title;
  const at = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left - box.left), y: Math.round(r.top - box.top) + heading, w: Math.round(r.width), h: Math.round(r.height) };
  };
  for (const el of stage.querySelectorAll<HTMLElement>('.dyn-panel-title, .dyn-stats')) {
    if (el.offsetParent === null) continue;
    const p = at(el);
    add('text', { x: p.x, y: p.y + 13, fill: text, 'font-size': 12 }).textContent = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
  for (const canvas of stage.querySelectorAll('canvas')) {
    const p = at(canvas);
    if (p.w === 0 || p.h === 0) continue;
    let href: string;
    try {
      href = canvas.toDataURL('image/png');
    } catch {
      continue;
    }
    add('image', { x: p.x, y: p.y, width: p.w, height: p.h, href, preserveAspectRatio: 'none' });
  }
  const parser = new DOMParser();
  for (const svg of stage.querySelectorAll<SVGSVGElement>('svg.viz')) {
    const p = at(svg);
    if (p.w === 0) continue;
    const copy = document.importNode(parser.parseFromString(toSVGString(svg), 'image/svg+xml').documentElement, true) as unknown as SVGSVGElement;
    copy.setAttribute('x', String(p.x));
    copy.setAttribute('y', String(p.y));
    root.append(copy);
  }
  return root;
}
