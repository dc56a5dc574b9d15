/**
 * The map's prototypes as a mosaic on a canvas: unit j's 28 × 28 prototype at row ⌊j/cols⌋,
 * column j mod cols, ink on paper, a pixel's gap between tiles, and in each tile's corner the label
 * most of the held-out digits it wins carry (labels are never used in training).
 */
import { fitCanvas, palette } from '../shared/canvas';

const SIDE = 28;

export function mosaicSize(rows: number, cols: number, available: number, projector: boolean): { width: number; height: number; scale: number } {
  const natural = cols * (SIDE + 1) - 1;
  const cap = projector ? 5 : 2;
  const scale = Math.max(0.5, Math.min(cap, available / natural));
  return { width: Math.floor(natural * scale), height: Math.floor((rows * (SIDE + 1) - 1) * scale), scale };
}

/** `labelPx`: the corner digits' size (by default 7 px per 28-pixel tile at its scale; projector mode gives its own). */
export function drawMosaic(canvas: HTMLCanvasElement, prototypes: Uint8Array, rows: number, cols: number, labels: Int8Array, available: number, projector: boolean, labelPx?: number): void {
  const size = mosaicSize(rows, cols, available, projector);
  const ctx = fitCanvas(canvas, size.width, size.height);
  if (!ctx) return;
  const colours = palette(canvas);
  const w = cols * (SIDE + 1) - 1;
  const hgt = rows * (SIDE + 1) - 1;
  const image = ctx.createImageData(w, hgt);
  const paper = [255, 255, 255];
  const gap = [200, 200, 200];
  for (let p = 0; p < w * hgt; p++) image.data.set([...gap, 255], p * 4);
  for (let j = 0; j < rows * cols; j++) {
    const r = Math.floor(j / cols);
    const c = j % cols;
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const v = prototypes[j * SIDE * SIDE + y * SIDE + x] / 255;
        const o = ((r * (SIDE + 1) + y) * w + c * (SIDE + 1) + x) * 4;
        for (let ch = 0; ch < 3; ch++) image.data[o + ch] = Math.round(paper[ch] * (1 - v) + 20 * v);
        image.data[o + 3] = 255;
      }
    }
  }
  const buffer = document.createElement('canvas');
  buffer.width = w;
  buffer.height = hgt;
  buffer.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(buffer, 0, 0, size.width, size.height);
  const tile = (SIDE + 1) * size.scale;
  ctx.font = `600 ${labelPx ?? Math.max(8, Math.round(7 * size.scale))}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (let j = 0; j < rows * cols; j++) {
    if (labels[j] < 0) continue;
    ctx.fillStyle = colours.c[0];
    ctx.fillText(String(labels[j]), (j % cols) * tile + 2, Math.floor(j / cols) * tile + 1);
  }
}
