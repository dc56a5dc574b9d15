// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { colorMaps, digitCanvas, imageDomain, imageGrid, splitImages, toRGBA } from '../../../src/viz';

/** What each canvas last had painted: jsdom has no 2D context, so a minimal fake records it. */
const painted = new Map<HTMLCanvasElement, Uint8ClampedArray>();

function fakeContext(canvas: HTMLCanvasElement) {
  return {
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: (image: { data: Uint8ClampedArray }) => painted.set(canvas, image.data.slice()),
  };
}

beforeEach(() => {
  painted.clear();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return fakeContext(this) as never;
  });
});
afterEach(() => vi.restoreAllMocks());

function pixel(data: Uint8ClampedArray, i: number): number[] {
  return [...data.subarray(i * 4, i * 4 + 4)];
}

describe('toRGBA', () => {
  it('maps values through the colour map and domain', () => {
    const out = toRGBA([0, 0.5, 1, 2], 2, 2, colorMaps.ink, [0, 1]);
    expect(pixel(out, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 1)).toEqual([128, 128, 128, 255]);
    expect(pixel(out, 2)).toEqual([0, 0, 0, 255]);
    expect(pixel(out, 3)).toEqual([0, 0, 0, 255]); // clamped
  });

  it('makes non-finite and missing pixels transparent', () => {
    const out = toRGBA([NaN, Infinity, 0.3], 2, 2, colorMaps.gray, [0, 1]);
    expect(pixel(out, 0)[3]).toBe(0);
    expect(pixel(out, 1)[3]).toBe(0);
    expect(pixel(out, 2)[3]).toBe(255);
    expect(pixel(out, 3)[3]).toBe(0);
  });

  it('chooses a domain from the array type and colour map', () => {
    expect(imageDomain([new Uint8Array(4)], {})).toEqual([0, 255]);
    expect(imageDomain([new Float32Array(4)], {})).toEqual([0, 1]);
    expect(imageDomain([[0.1, -0.3], [0.2]], { colorMap: 'diverging' })).toEqual([-0.3, 0.3]);
    expect(imageDomain([[2, 5, NaN]], { domain: 'auto' })).toEqual([2, 5]);
    expect(imageDomain([[2, 5]], { domain: [-1, 1] })).toEqual([-1, 1]);
  });
});

describe('digitCanvas', () => {
  it('paints a 28 × 28 image at native size, scaled crisply by CSS', () => {
    const d = digitCanvas({ label: 'Your digit', scale: 4 });
    const image = new Uint8Array(784);
    image[0] = 255;
    d.update(image);
    const c = d.element;
    expect([c.width, c.height]).toEqual([28, 28]);
    expect(c.style.getPropertyValue('width')).toBe('112px');
    expect(c.style.getPropertyValue('image-rendering')).toBe('pixelated');
    expect(c.getAttribute('role')).toBe('img');
    expect(c.getAttribute('aria-label')).toBe('Your digit');
    const data = painted.get(c);
    expect(data && pixel(data, 0)).toEqual([0, 0, 0, 255]);
    expect(data && pixel(data, 1)).toEqual([255, 255, 255, 255]);
    expect(d.summary()).toBe('Your digit: 28 × 28 image, values from 0 to 255.');
  });

  it('does not throw where there is no 2D context', () => {
    vi.mocked(HTMLCanvasElement.prototype.getContext).mockReturnValue(null);
    const d = digitCanvas({ label: 'Digit' });
    expect(() => d.update(new Float32Array(784).fill(0.5))).not.toThrow();
  });
});

describe('imageGrid', () => {
  it('renders one captioned cell per image and updates in place', () => {
    const g = imageGrid({ label: 'Test digits', columns: 3 });
    const img = (v: number) => new Float32Array(784).fill(v);
    g.update([img(0), img(0.5), img(1)], ['pred 7', 'pred 2', 'pred 1']);
    const figures = [...g.element.querySelectorAll('figure')];
    expect(figures).toHaveLength(3);
    expect(g.element.querySelectorAll('canvas')).toHaveLength(3);
    expect([...g.element.querySelectorAll('figcaption')].map((f) => f.textContent)).toEqual(['pred 7', 'pred 2', 'pred 1']);
    expect(g.element.querySelectorAll('canvas')[1].getAttribute('aria-label')).toBe('pred 2');
    expect(g.element.getAttribute('role')).toBe('group');
    expect(g.element.getAttribute('aria-label')).toBe('Test digits');
    expect(g.element.style.getPropertyValue('grid-template-columns')).toBe('repeat(3, max-content)');
    expect(g.summary()).toBe('Test digits: 3 images of 28 × 28 pixels, captioned pred 7; pred 2; pred 1.');

    g.update([img(1), img(0)]);
    const after = [...g.element.querySelectorAll('figure')];
    expect(after).toEqual(figures.slice(0, 2));
    expect(after.every((f) => (f.querySelector('figcaption') as HTMLElement).hidden)).toBe(true);
    expect(g.element.querySelectorAll('canvas')[0].getAttribute('aria-label')).toBe('Test digits, image 1');
    const first = painted.get(g.element.querySelector('canvas') as HTMLCanvasElement);
    expect(first && pixel(first, 0)).toEqual([0, 0, 0, 255]);
  });

  it('splits one flat stack of images', () => {
    const g = imageGrid({ label: 'Batch', imageWidth: 2, imageHeight: 2 });
    g.update(Float32Array.from({ length: 20 }, (_, i) => i / 20));
    expect(g.element.querySelectorAll('canvas')).toHaveLength(5);
    const views = splitImages(Float32Array.from([1, 2, 3, 4, 5]), 2);
    expect(views.map((v) => [...(v as Float32Array)])).toEqual([[1, 2], [3, 4]]);
  });

  it('puts every image of a diverging grid on one shared scale', () => {
    const g = imageGrid({ label: 'Perturbations', colorMap: 'diverging', imageWidth: 1, imageHeight: 1 });
    g.update([[0.1], [-0.4]]);
    const [a, b] = [...g.element.querySelectorAll('canvas')].map((c) => painted.get(c) as Uint8ClampedArray);
    // -0.4 is the far blue end; 0.1 is a pale red, not the far red end.
    expect(pixel(b, 0)).toEqual([33, 102, 172, 255]);
    expect(pixel(a, 0)).not.toEqual([178, 24, 43, 255]);
    expect(a[0]).toBeGreaterThan(a[2]);
  });

  it('handles no images and non-finite pixels', () => {
    const g = imageGrid({ label: 'Nothing yet' });
    g.update([]);
    expect(g.element.children).toHaveLength(0);
    expect(g.summary()).toBe('Nothing yet: no images.');
    expect(() => g.update([[NaN, Infinity, 0.5]])).not.toThrow();
    expect(g.element.querySelectorAll('canvas')).toHaveLength(1);
  });
});
