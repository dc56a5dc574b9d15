/**
 * Export for a stage made of several pieces: every visible `svg.viz` and `canvas.viz-digit` in it,
 * plus elements marked `data-export-text` (panel titles, captions), placed where they are on
 * screen in one standalone SVG. Colours are resolved on the originals (toSVGString), so the
 * composite needs no stylesheet; canvases become crisp <image>s.
 */
import { toSVGString } from '../../../../viz';

const SVG_NS = 'http://www.w3.org/2000/svg';

function visible(el: Element): DOMRect | null {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? r : null;
}

export function composeStage(stage: HTMLElement): SVGSVGElement | null {
  const doc = stage.ownerDocument;
  const box = stage.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return null;
  const out = doc.createElementNS(SVG_NS, 'svg');
  out.setAttribute('width', String(Math.ceil(box.width)));
  out.setAttribute('height', String(Math.ceil(box.height)));
  out.setAttribute('viewBox', `0 0 ${Math.ceil(box.width)} ${Math.ceil(box.height)}`);
  out.setAttribute('font-family', 'system-ui, sans-serif');
  const parser = new DOMParser();
  const pieces = stage.querySelectorAll<HTMLElement | SVGSVGElement>('svg.viz, canvas.viz-digit, [data-export-text]');
  for (const el of pieces) {
    const r = visible(el);
    if (!r) continue;
    const x = String(r.left - box.left);
    const y = String(r.top - box.top);
    if (el instanceof SVGSVGElement) {
      const parsed = parser.parseFromString(toSVGString(el), 'image/svg+xml').documentElement;
      const copy = doc.importNode(parsed, true) as unknown as SVGSVGElement;
      copy.setAttribute('x', x);
      copy.setAttribute('y', y);
      copy.setAttribute('width', String(r.width));
      copy.setAttribute('height', String(r.height));
      copy.removeAttribute('style');
      out.append(copy);
    } else if (el instanceof HTMLCanvasElement) {
      const image = doc.createElementNS(SVG_NS, 'image');
      image.setAttribute('href', el.toDataURL('image/png'));
      image.setAttribute('x', x);
      image.setAttribute('y', y);
      image.setAttribute('width', String(r.width));
      image.setAttribute('height', String(r.height));
      image.setAttribute('preserveAspectRatio', 'none');
      image.setAttribute('style', 'image-rendering: pixelated');
      out.append(image);
    } else {
      const style = getComputedStyle(el);
      const text = doc.createElementNS(SVG_NS, 'text');
      text.textContent = el.textContent ?? '';
      const centred = style.textAlign === 'center';
      text.setAttribute('x', centred ? String(r.left - box.left + r.width / 2) : x);
      if (centred) text.setAttribute('text-anchor', 'middle');
      text.setAttribute('y', String(r.top - box.top + r.height * 0.75));
      text.setAttribute('font-size', style.fontSize);
      text.setAttribute('font-weight', style.fontWeight);
      text.setAttribute('fill', style.color || '#000');
      out.append(text);
    }
  }
  return out;
}
