/**
 * Canvas helpers the chapter's figures share: a canvas sized to its box at the screen's pixel
 * density, colours read from the essay's CSS custom properties (so dark mode and projector mode
 * apply), a pause until the next animation frame, and lanes (stacked strips sharing an x axis).
 */

/** Size `canvas` to `width` × `height` CSS pixels at the device pixel ratio; returns its context in CSS pixels (null in jsdom). */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** A CSS custom property's value at `el` (e.g. '--c0'), or the fallback. */
export function cssColor(el: Element, name: string, fallback: string): string {
  const value = getComputedStyle(el).getPropertyValue(name).trim();
  return value || fallback;
}

/** The essay's colours at `el`: text, muted, border, background, and the series slots c0…c5. */
export function palette(el: Element): { fg: string; muted: string; border: string; bg: string; surface: string; c: string[] } {
  const fallbacks = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
  return {
    fg: cssColor(el, '--fg', '#1b1b1b'),
    muted: cssColor(el, '--muted', '#5f5f5f'),
    border: cssColor(el, '--border', '#d9dad6'),
    bg: cssColor(el, '--bg', '#ffffff'),
    surface: cssColor(el, '--surface', '#f2f2ee'),
    c: fallbacks.map((f, i) => cssColor(el, `--c${i}`, f)),
  };
}

/** Resolves on the next animation frame (a 16 ms timer where there is none). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 16);
  });
}

/** A horizontal strip of a canvas: its top, height and plotting box. */
export interface Lane {
  top: number;
  height: number;
  /** y of a value v in [lo, hi]. */
  y(v: number): number;
  lo: number;
  hi: number;
}

export function lane(top: number, height: number, lo: number, hi: number, pad = 4): Lane {
  const inner = height - 2 * pad;
  return { top, height, lo, hi, y: (v) => top + pad + inner * (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo || 1)) };
}

/** The font the canvases write in (the figure's own, at `size` px). */
export function canvasFont(el: Element, size: number, weight = 400): string {
  const family = getComputedStyle(el).fontFamily || 'system-ui, sans-serif';
  return `${weight} ${size}px ${family}`;
}

/**
 * Projector mode: how much larger the canvases write (their smallest text, 10 px, then reaches the
 * projector's chart font: 24 px on a 1080-line screen); null on the page.
 */
export function projectorScale(el: Element): number | null {
  const host = el.closest('.lm-projector');
  if (!host) return null;
  const px = parseFloat(getComputedStyle(host).getPropertyValue('--lm-chart-font'));
  return Number.isFinite(px) && px > 10 ? px / 10 : 1.25;
}

/** A .dyn-fill box's size in CSS pixels (the canvas laid over it is drawn at it); null while it has none. */
export function fillSize(box: HTMLElement): { width: number; height: number } | null {
  const width = Math.floor(box.clientWidth);
  const height = Math.floor(box.clientHeight);
  return width >= 50 && height >= 50 ? { width, height } : null;
}

/**
 * Calls `draw` now, and when `stage` or one of its .dyn-fill boxes changes size (a canvas is drawn at its box's
 * size in projector mode), and when the colour scheme changes (a canvas reads its colours when drawn:
 * a paused figure kept the other scheme's, dark grey on black).
 */
export function observeLayout(stage: HTMLElement, draw: () => void): void {
  // Once now: a figure sizes its boxes before its first numbers, and left to the observer's first call it
  // was painted a frame without them, then grew (a layout shift: kohonen-map 0.14 at 1280 px).
  draw();
  if (typeof matchMedia === 'function') matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', () => draw());
  if (typeof ResizeObserver !== 'function') return;
  const observer = new ResizeObserver(() => draw());
  observer.observe(stage);
  for (const box of stage.querySelectorAll('.dyn-fill')) observer.observe(box);
}
