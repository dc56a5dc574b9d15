/**
 * One small grayscale image (a 28 × 28 digit by default) on a canvas, scaled up crisply
 * (`image-rendering: pixelated`), with an accessible label.
 */
import { finiteExtent, type Domain } from './domain';
import { formatNumber } from './format';
import { imageDomain, paintImage, type ImageStyle } from './pixels';
import { resolveDocument } from './svg';
import { t } from '../i18n/t';

export interface DigitCanvasOptions extends ImageStyle {
  document?: Document;
  /** The canvas's accessible name, e.g. "Your digit". */
  label: string;
  /** Image size in pixels. Default 28 × 28. */
  imageWidth?: number;
  imageHeight?: number;
  /** CSS pixels per image pixel. Default 4. */
  scale?: number;
}

export interface DigitCanvas {
  readonly element: HTMLCanvasElement;
  /** Repaints the image; `label` replaces the accessible name. */
  update(image: ArrayLike<number>, label?: string, domain?: Domain): void;
  summary(): string;
}

export function digitCanvas(options: DigitCanvasOptions): DigitCanvas {
  const doc = resolveDocument(options.document);
  const w = options.imageWidth ?? 28;
  const h = options.imageHeight ?? 28;
  const scale = options.scale ?? 4;
  const canvas = doc.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.className = 'viz viz-digit';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', options.label);
  canvas.style.setProperty('width', `${w * scale}px`);
  canvas.style.setProperty('height', `${h * scale}px`);
  canvas.style.setProperty('image-rendering', 'pixelated');
  let label = options.label;
  let range: [number, number] | undefined;

  return {
    element: canvas,
    update(image, newLabel, domain) {
      if (newLabel !== undefined) {
        label = newLabel;
        canvas.setAttribute('aria-label', label);
      }
      range = finiteExtent([image]);
      paintImage(canvas, image, w, h, options.colorMap ?? 'ink', domain ?? imageDomain([image], options));
    },
    summary() {
      const params = { label, w, h };
      return range
        ? t('{label}: {w} × {h} image, values from {lo} to {hi}.', { ...params, lo: formatNumber(range[0]), hi: formatNumber(range[1]) })
        : t('{label}: {w} × {h} image, blank.', params);
    },
  };
}
