/**
 * Figure export: a standalone SVG file (CSS variables and currentColor resolved to the colours
 * on screen, namespaces declared), a PNG blob (browser only: SVG -> image -> canvas), and a
 * download. Primitives draw with presentation attributes, so resolving those is enough; page
 * stylesheet rules are not copied.
 */
import { SVG_NS } from './svg';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** Attributes that may hold var(...) or currentColor. */
const PAINT_ATTRIBUTES = ['fill', 'stroke', 'color', 'stop-color', 'flood-color', 'lighting-color', 'font-family', 'style'];

/** Replaces every `var(--name[, fallback])` in `value`, innermost fallbacks included. */
export function resolveCssVariables(value: string, lookup: (name: string) => string): string {
  let out = '';
  let rest = value;
  for (;;) {
    const start = rest.indexOf('var(');
    if (start < 0) return out + rest;
    let depth = 0;
    let end = start + 3;
    for (; end < rest.length; end++) {
      if (rest[end] === '(') depth++;
      else if (rest[end] === ')' && --depth === 0) break;
    }
    const inner = rest.slice(start + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? '' : inner.slice(comma + 1).trim();
    const found = lookup(name).trim();
    out += rest.slice(0, start) + (found ? resolveCssVariables(found, lookup) : resolveCssVariables(fallback, lookup));
    rest = rest.slice(end + 1);
  }
}

/** A custom property's value at `el`: computed style first, then inline styles up the tree. */
function cssVariable(el: Element, name: string): string {
  const computed = el.ownerDocument.defaultView?.getComputedStyle(el).getPropertyValue(name).trim();
  if (computed) return computed;
  for (let e: Element | null = el; e; e = e.parentElement) {
    const inline = (e as HTMLElement | SVGElement).style?.getPropertyValue(name).trim();
    if (inline) return inline;
  }
  return '';
}

/** The text colour at `el` (what currentColor means there); black when none is known. */
function currentColor(el: Element): string {
  const c = el.ownerDocument.defaultView?.getComputedStyle(el).color ?? '';
  return c && c.toLowerCase() !== 'canvastext' ? c : '#000000';
}

/**
 * Serialises an SVG element into a standalone SVG file: a deep copy with CSS variables and
 * currentColor replaced by their values at each element, xmlns declared, an XML prolog.
 * The element itself is not changed.
 */
export function toSVGString(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  sources.forEach((src, i) => {
    const dst = copies[i];
    for (const name of PAINT_ATTRIBUTES) {
      const value = dst.getAttribute(name);
      if (value === null || !/var\(|currentcolor/i.test(value)) continue;
      const resolved = resolveCssVariables(value, (v) => cssVariable(src, v)).replace(/currentcolor/gi, () => currentColor(src));
      if (resolved.trim()) dst.setAttribute(name, resolved);
      else dst.removeAttribute(name);
    }
  });
  clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  clone.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  const view = svg.ownerDocument.defaultView;
  const Serializer = view?.XMLSerializer ?? globalThis.XMLSerializer;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new Serializer().serializeToString(clone)}`;
}

function isCanvas(el: Element): el is HTMLCanvasElement {
  return el.tagName.toUpperCase() === 'CANVAS';
}

/** True where PNG export can work: a 2D canvas context with toBlob (not jsdom without `canvas`). */
export function canExportPNG(doc: Document = globalThis.document): boolean {
  if (!doc) return false;
  const canvas = doc.createElement('canvas');
  return typeof canvas.toBlob === 'function' && canvas.getContext('2d') !== null;
}

function loadImage(doc: Document, src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = doc.createElement('img');
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('PNG export: the SVG could not be loaded as an image.'));
    img.src = src;
  });
}

/**
 * Renders an SVG chart or a canvas to a PNG blob at `scale` × its size (canvases are scaled
 * without smoothing, so pixels stay crisp). Rejects with a clear error where there is no 2D
 * canvas (see `canExportPNG`).
 */
export async function toPNGBlob(source: SVGSVGElement | HTMLCanvasElement, scale = 2): Promise<Blob> {
  const doc = source.ownerDocument;
  if (!canExportPNG(doc)) throw new Error('PNG export needs a browser canvas (2D context and toBlob); none is available here.');
  let image: CanvasImageSource;
  let width: number;
  let height: number;
  if (isCanvas(source)) {
    [image, width, height] = [source, source.width, source.height];
  } else {
    width = Number(source.getAttribute('width')) || source.viewBox.baseVal?.width || 300;
    height = Number(source.getAttribute('height')) || source.viewBox.baseVal?.height || 150;
    image = await loadImage(doc, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(toSVGString(source))}`);
  }
  const canvas = doc.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.imageSmoothingEnabled = !isCanvas(source);
  if (!isCanvas(source)) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export: the canvas produced no data.'))), 'image/png');
  });
}

/** Saves `blob` as `filename` through a temporary link. Throws where object URLs are unavailable. */
export function downloadBlob(blob: Blob, filename: string, doc: Document = globalThis.document): void {
  const urls = (doc.defaultView?.URL ?? URL) as typeof URL;
  if (typeof urls.createObjectURL !== 'function') throw new Error('downloadBlob needs URL.createObjectURL (a browser).');
  const url = urls.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.setProperty('display', 'none');
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoking at once can cancel the download in some browsers; a moment later is safe.
    setTimeout(() => urls.revokeObjectURL(url), 1000);
  }
}

/** Convenience: an SVG chart's standalone file as a Blob (image/svg+xml). */
export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([toSVGString(svg)], { type: 'image/svg+xml' });
}
