/**
 * A 28 × 28 drawing pad for digits, by mouse, pen, touch or keyboard. Strokes are painted with a
 * soft round brush about as wide as an MNIST pen stroke (a core of ~2 pixels, anti-aliased edges),
 * so a drawn digit looks like the digits the models learned from. A dashed square marks the 20 × 20
 * box that MNIST digits are scaled into.
 *
 * Keyboard (while the pad has focus): arrows move a cursor over the grid, Space paints the cell under
 * it, Shift + arrows paint as they move, Backspace or Delete erases, C clears. Other keys (R, F, Esc)
 * go on to the figure.
 *
 * `paintSegment` and `eraseAt` are pure functions on the pixel array, for tests.
 */
import './draw-pad.css';
import { paintImage } from '../../viz';
import { h } from './dom';
import { t } from '../../i18n/t';

export const SIZE = 28;
/** Brush: full ink within CORE pixels of the stroke's centre line, fading to none at EDGE. */
const CORE = 0.75;
const EDGE = 1.85;

/** Distance from point (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Ink a stroke from (ax, ay) to (bx, by), in grid units (0..28, pixel centres at k + 0.5), into
 * `pixels` (row-major, values in [0, 1]; ink only ever darkens). `strength` scales the brush (1: a
 * pen stroke; smaller for a lighter touch). Returns whether any pixel changed.
 */
export function paintSegment(pixels: Float32Array, ax: number, ay: number, bx: number, by: number, strength = 1): boolean {
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - EDGE));
  const x1 = Math.min(SIZE - 1, Math.ceil(Math.max(ax, bx) + EDGE));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - EDGE));
  const y1 = Math.min(SIZE - 1, Math.ceil(Math.max(ay, by) + EDGE));
  let changed = false;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = segmentDistance(x + 0.5, y + 0.5, ax, ay, bx, by);
      if (d >= EDGE) continue;
      const ink = strength * (d <= CORE ? 1 : (EDGE - d) / (EDGE - CORE));
      const i = y * SIZE + x;
      if (ink > pixels[i]) {
        pixels[i] = Math.min(1, ink);
        changed = true;
      }
    }
  }
  return changed;
}

/** Erase the cell (x, y) and soften its neighbours. Returns whether any pixel changed. */
export function eraseAt(pixels: Float32Array, x: number, y: number): boolean {
  let changed = false;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const cx = x + dx;
      const cy = y + dy;
      if (cx < 0 || cy < 0 || cx >= SIZE || cy >= SIZE) continue;
      const i = cy * SIZE + cx;
      const next = dx === 0 && dy === 0 ? 0 : pixels[i] * 0.5;
      if (next !== pixels[i]) {
        pixels[i] = next;
        changed = true;
      }
    }
  }
  return changed;
}

export interface DrawPadOptions {
  label: string;
  /** The drawing changed (`final`: the stroke or key press is over). */
  onChange(pixels: Float32Array, final: boolean): void;
}

export class DrawPad {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private pixels = new Float32Array(SIZE * SIZE);
  private readonly cursor: HTMLElement;
  private cursorX = 14;
  private cursorY = 14;
  private last: { x: number; y: number } | null = null;
  private pointerId: number | null = null;
  /** A stroke is in progress (the pad owns the image until it ends). */
  drawing = false;

  constructor(private readonly options: DrawPadOptions) {
    this.canvas = h('canvas', { class: 'lab-pad-canvas', attrs: { width: SIZE, height: SIZE, 'aria-hidden': 'true' } });
    this.cursor = h('div', { class: 'lab-pad-cursor', attrs: { 'aria-hidden': 'true' } });
    const guide = h('div', { class: 'lab-pad-guide', attrs: { 'aria-hidden': 'true' } });
    this.element = h(
      'div',
      {
        class: 'lab-pad',
        attrs: {
          tabindex: 0,
          role: 'application',
          'aria-roledescription': t('drawing pad'),
          'aria-label': `${t(options.label)}. ${t('28 by 28 pixels. Arrow keys move the cursor, Space paints, Shift with arrows paints while moving, Backspace erases, C clears.')}`,
          'data-testid': 'draw-pad',
        },
      },
      [this.canvas, guide, this.cursor],
    );
    this.placeCursor();
    this.element.addEventListener('pointerdown', (e) => this.onDown(e));
    this.element.addEventListener('pointermove', (e) => this.onMove(e));
    this.element.addEventListener('pointerup', (e) => this.onUp(e));
    this.element.addEventListener('pointercancel', (e) => this.onUp(e));
    this.element.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** The current drawing (the pad's own array: copy it to keep it). */
  get image(): Float32Array {
    return this.pixels;
  }

  /** Show `image` (e.g. a test digit the reader then draws on). Ignored during a stroke. */
  set(image: ArrayLike<number>): void {
    if (this.drawing) return;
    this.pixels = Float32Array.from(image);
    this.paint();
  }

  clear(): void {
    this.pixels = new Float32Array(SIZE * SIZE);
    this.paint();
    this.options.onChange(this.pixels, true);
  }

  private paint(): void {
    paintImage(this.canvas, this.pixels, SIZE, SIZE, 'ink', [0, 1]);
  }

  private gridPoint(e: PointerEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * SIZE, y: ((e.clientY - r.top) / r.height) * SIZE };
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0 || this.pointerId !== null) return;
    e.preventDefault();
    this.element.focus({ preventScroll: true });
    this.pointerId = e.pointerId;
    this.element.setPointerCapture?.(e.pointerId);
    this.drawing = true;
    this.element.classList.add('lab-pad-active');
    const p = this.gridPoint(e);
    this.last = p;
    this.stroke(p, p, false);
  }

  private onMove(e: PointerEvent): void {
    if (e.pointerId !== this.pointerId || !this.last) return;
    e.preventDefault();
    // Coalesced events keep fast strokes smooth where the browser merges pointer moves.
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    let changed = false;
    for (const ev of events.length ? events : [e]) {
      const p = this.gridPoint(ev);
      changed = paintSegment(this.pixels, this.last.x, this.last.y, p.x, p.y) || changed;
      this.last = p;
    }
    if (changed) {
      this.paint();
      this.options.onChange(this.pixels, false);
    }
  }

  private onUp(e: PointerEvent): void {
    if (e.pointerId !== this.pointerId) return;
    this.pointerId = null;
    this.last = null;
    this.drawing = false;
    this.element.classList.remove('lab-pad-active');
    this.options.onChange(this.pixels, true);
  }

  private stroke(a: { x: number; y: number }, b: { x: number; y: number }, final: boolean): void {
    if (paintSegment(this.pixels, a.x, a.y, b.x, b.y)) {
      this.paint();
      this.options.onChange(this.pixels, final);
    }
  }

  private placeCursor(): void {
    this.cursor.style.left = `${(this.cursorX / SIZE) * 100}%`;
    this.cursor.style.top = `${(this.cursorY / SIZE) * 100}%`;
    this.cursor.style.width = `${100 / SIZE}%`;
    this.cursor.style.height = `${100 / SIZE}%`;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const centre = (x: number, y: number) => ({ x: x + 0.5, y: y + 0.5 });
    const move = moves[e.key];
    if (move) {
      const from = centre(this.cursorX, this.cursorY);
      this.cursorX = Math.min(SIZE - 1, Math.max(0, this.cursorX + move[0]));
      this.cursorY = Math.min(SIZE - 1, Math.max(0, this.cursorY + move[1]));
      this.placeCursor();
      if (e.shiftKey) this.stroke(from, centre(this.cursorX, this.cursorY), true);
    } else if (e.key === ' ' || e.key === 'Spacebar' || e.key === 'Enter') {
      const p = centre(this.cursorX, this.cursorY);
      this.stroke(p, p, true);
    } else if (e.key === 'Backspace' || e.key === 'Delete') {
      if (eraseAt(this.pixels, this.cursorX, this.cursorY)) {
        this.paint();
        this.options.onChange(this.pixels, true);
      }
    } else if (e.key === 'c' || e.key === 'C') {
      this.clear();
    } else {
      return;
    }
    // Handled here: not the figure's shortcuts (Space would play, → would step).
    e.preventDefault();
    e.stopPropagation();
  }
}
