/**
 * Grayscale images (28 × 28 digits, perturbations, weight maps) -> RGBA pixels -> a canvas.
 * `toRGBA` is a pure function of the array; `paintImage` is the only part that needs a 2D context.
 */
import { finiteExtent, normalizer, symmetricDomain, type Domain } from './domain';
import { resolveColorMap, type ColorMap, type ColorMapName } from './palette';

export interface ImageStyle {
  /** Default 'ink' (0 white -> 1 black); 'diverging' for signed values such as perturbations. */
  colorMap?: ColorMapName | ColorMap;
  /**
   * Values mapped to the ends of the colour map. Default: [0, 255] for Uint8 arrays, [0, 1]
   * otherwise, [-m, m] (m = largest |value|) for 'diverging'; 'auto': the finite extent.
   */
  domain?: Domain | 'auto';
}

function isUint8(a: ArrayLike<number>): boolean {
  return a instanceof Uint8Array || a instanceof Uint8ClampedArray;
}

/** The domain `style` gives these images, shared by all so a grid compares on one scale. */
export function imageDomain(images: readonly ArrayLike<number>[], style: ImageStyle): Domain {
  const { domain, colorMap = 'ink' } = style;
  if (domain && domain !== 'auto') return domain;
  if (colorMap === 'diverging') return symmetricDomain(images);
  if (domain === 'auto') return finiteExtent(images) ?? [0, 1];
  return images.length > 0 && images.every(isUint8) ? [0, 255] : [0, 1];
}

/**
 * Row-major values (width × height, one channel) -> RGBA bytes. Non-finite or missing pixels
 * are transparent. Writes into `out` when given (length width × height × 4).
 */
export function toRGBA(
  values: ArrayLike<number>,
  width: number,
  height: number,
  map: ColorMap,
  domain: Domain,
  out = new Uint8ClampedArray(width * height * 4),
): Uint8ClampedArray {
  const t = normalizer(domain);
  for (let i = 0; i < width * height; i++) {
    const u = i < values.length ? t(values[i]) : NaN;
    const o = i * 4;
    if (Number.isNaN(u)) {
      out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 0;
      continue;
    }
    const [r, g, b] = map(u);
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = b;
    out[o + 3] = 255;
  }
  return out;
}

/**
 * Paints the image into `canvas` at its native size (one canvas pixel per image pixel; CSS
 * scales it up crisply). Returns false where there is no 2D context (jsdom without `canvas`).
 */
export function paintImage(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  width: number,
  height: number,
  colorMap: ColorMapName | ColorMap,
  domain: Domain,
): boolean {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  const image = ctx.createImageData(width, height);
  toRGBA(values, width, height, resolveColorMap(colorMap), domain, image.data);
  ctx.putImageData(image, 0, 0);
  return true;
}
