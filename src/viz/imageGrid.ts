/**
 * A grid of small grayscale images, each a `digitCanvas` with an optional caption under it
 * (a prediction, a label, an epsilon). All images share one value domain, so a grid of
 * perturbations compares on one colour scale. Cells are reused across updates.
 */
import { digitCanvas, type DigitCanvas } from './digitCanvas';
import { formatInteger } from './format';
import { imageDomain, type ImageStyle } from './pixels';
import { resolveDocument } from './svg';
import { describeData } from './dataTable';
import { t } from '../i18n/t';

export interface ImageGridOptions extends ImageStyle {
  document?: Document;
  /** The grid's accessible name, e.g. "Adversarial examples". */
  label: string;
  /** Size of each image in pixels. Default 28 × 28. */
  imageWidth?: number;
  imageHeight?: number;
  /** CSS pixels per image pixel. Default 3. */
  scale?: number;
  /** Fixed number of columns; default: as many as fit. */
  columns?: number;
}

export interface ImageGrid {
  readonly element: HTMLDivElement;
  /**
   * Shows these images: an array of images, or one flat array of N stacked images (e.g. a
   * [N, 28, 28] tensor's data). `captions[i]` goes under image i and is its accessible name.
   */
  update(images: ReadonlyArray<ArrayLike<number>> | ArrayLike<number>, captions?: readonly string[]): void;
  summary(): string;
}

interface Cell {
  figure: HTMLElement;
  digit: DigitCanvas;
  caption: HTMLElement;
}

/** Splits a flat stack of images into views (no copy for typed arrays). */
export function splitImages(flat: ArrayLike<number>, size: number): ArrayLike<number>[] {
  const n = size > 0 ? Math.floor(flat.length / size) : 0;
  const out: ArrayLike<number>[] = [];
  for (let i = 0; i < n; i++) {
    const a = flat as ArrayLike<number> & { subarray?: (s: number, e: number) => ArrayLike<number> };
    out.push(a.subarray ? a.subarray(i * size, (i + 1) * size) : Array.prototype.slice.call(flat, i * size, (i + 1) * size));
  }
  return out;
}

function isImageList(x: ReadonlyArray<ArrayLike<number>> | ArrayLike<number>): x is ReadonlyArray<ArrayLike<number>> {
  return x.length > 0 && typeof x[0] !== 'number';
}

export function imageGrid(options: ImageGridOptions): ImageGrid {
  const doc = resolveDocument(options.document);
  const w = options.imageWidth ?? 28;
  const h = options.imageHeight ?? 28;
  const scale = options.scale ?? 3;
  const grid = doc.createElement('div');
  grid.className = 'viz viz-image-grid';
  grid.setAttribute('role', 'group');
  grid.setAttribute('aria-label', t(options.label));
  grid.style.setProperty('display', 'grid');
  grid.style.setProperty('gap', '6px');
  grid.style.setProperty(
    'grid-template-columns',
    options.columns ? `repeat(${options.columns}, max-content)` : `repeat(auto-fill, minmax(${w * scale}px, max-content))`,
  );
  const cells: Cell[] = [];
  let captions: string[] = [];

  function cell(i: number): Cell {
    if (cells[i]) return cells[i];
    const figure = doc.createElement('figure');
    figure.style.setProperty('margin', '0');
    const digit = digitCanvas({ ...options, document: doc, label: t('{label}, image {n}', { label: t(options.label), n: i + 1 }), imageWidth: w, imageHeight: h, scale });
    const caption = doc.createElement('figcaption');
    caption.style.setProperty('font-size', '0.8em');
    caption.style.setProperty('text-align', 'center');
    figure.append(digit.element, caption);
    grid.append(figure);
    return (cells[i] = { figure, digit, caption });
  }

  // Images have no numbers to list; their captions (labels, predictions) do, when there are any.
  describeData(grid, () => (captions.some(Boolean) ? [{ title: t(options.label), columns: [t('Image'), t('Caption')], rows: captions.map((c, i) => [i + 1, c]) }] : []));

  return {
    element: grid,
    update(input, newCaptions = []) {
      const images = isImageList(input) ? [...input] : splitImages(input, w * h);
      const domain = imageDomain(images, options);
      captions = images.map((_, i) => newCaptions[i] ?? '');
      images.forEach((image, i) => {
        const c = cell(i);
        c.caption.textContent = captions[i];
        c.caption.hidden = !captions[i];
        c.digit.update(image, captions[i] || t('{label}, image {n}', { label: t(options.label), n: i + 1 }), domain);
      });
      for (const extra of cells.splice(images.length)) extra.figure.remove();
    },
    summary() {
      const n = cells.length;
      const label = t(options.label);
      if (n === 0) return t('{label}: no images.', { label });
      const params = { label, n: formatInteger(n), w, h };
      const named = captions.filter(Boolean);
      if (named.length) return t(n === 1 ? '{label}: {n} image of {w} × {h} pixels, captioned {captions}.' : '{label}: {n} images of {w} × {h} pixels, captioned {captions}.', { ...params, captions: named.join(t('; ')) });
      return t(n === 1 ? '{label}: {n} image of {w} × {h} pixels.' : '{label}: {n} images of {w} × {h} pixels.', params);
    },
  };
}
