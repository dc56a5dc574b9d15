/**
 * One standalone SVG of a figure's charts, for export: each chart serialised with its on-screen
 * colours resolved (src/viz/export.ts), placed in a grid of `columns`, on the page's background.
 */
import { toSVGString } from '../../../../viz';
import { svgEl } from '../../../../viz/svg';

export function composeSvgs(svgs: readonly SVGSVGElement[], title: string, colors: { background: string; text: string }, columns = 1): SVGSVGElement | null {
  if (svgs.length === 0) return null;
  const gap = 16;
  const heading = 28;
  const sizes = svgs.map((s) => ({ w: Number(s.getAttribute('width')) || 480, h: Number(s.getAttribute('height')) || 280 }));
  const cellW = Math.max(...sizes.map((s) => s.w));
  const rows = Math.ceil(svgs.length / columns);
  const rowH = Array.from({ length: rows }, (_, r) => Math.max(...sizes.slice(r * columns, r * columns + columns).map((s) => s.h)));
  const width = columns * cellW + (columns - 1) * gap;
  const height = heading + rowH.reduce((a, b) => a + b, 0) + (rows - 1) * gap;
  const root = svgEl(document, 'svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'viz', 'font-family': 'system-ui, sans-serif' });
  svgEl(document, 'title', {}, root).textContent = title;
  svgEl(document, 'rect', { x: 0, y: 0, width, height, fill: colors.background || '#ffffff' }, root);
  svgEl(document, 'text', { x: 4, y: 18, fill: colors.text || '#000000', 'font-size': 15, 'font-weight': 600 }, root).textContent = title;
  const parser = new DOMParser();
  let y = heading;
  svgs.forEach((svg, i) => {
    const row = Math.floor(i / columns);
    const col = i % columns;
    if (col === 0 && row > 0) y += rowH[row - 1] + gap;
    const parsed = parser.parseFromString(toSVGString(svg), 'image/svg+xml').documentElement;
    const copy = document.importNode(parsed, true) as unknown as SVGSVGElement;
    copy.setAttribute('x', String(col * (cellW + gap)));
    copy.setAttribute('y', String(y));
    root.append(copy);
  });
  return root;
}
