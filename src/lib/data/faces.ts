/**
 * Seeded synthetic faces on a 28×28 canvas (pixels in [0, 1], 0 = background, as MNIST): an oval
 * outline with four parts in four slots — two eyes (filled disks) on top, a nose (a hooked stroke)
 * in the middle, a mouth (a smiling arc) at the bottom — each jittered in place and size. The
 * "non-faces" are the same outline with other shapes in the slots (square, cross, triangle, zigzag)
 * and at most one face part, so no single part makes a face. A *scrambled* face has exactly a face's
 * parts with the mouth moved off the bottom and the others shuffled among the remaining slots
 * (the seed's Figure 2: "a mouth, a nose, two eyes and an ellipse"); `blendLayouts` moves each part
 * in a straight line from one layout to another, for a slider.
 * Drawing: each stroke is a polyline of half-width 0.8 px, each disk a filled circle, anti-aliased by
 * clamp(½ + distance to the edge, 0, 1), combined by max.
 */
import type { Rng } from '../random';

export const FACE_SIDE = 28;

export type PartKind = 'eye' | 'nose' | 'mouth' | 'square' | 'cross' | 'triangle' | 'zigzag';
export const FACE_PARTS: readonly PartKind[] = ['eye', 'eye', 'nose', 'mouth'];
export const DISTRACTORS: readonly PartKind[] = ['square', 'cross', 'triangle', 'zigzag'];

export interface Part {
  kind: PartKind;
  /** Centre, in pixels, and scale (1 = nominal size). */
  x: number;
  y: number;
  size: number;
}

export interface FaceLayout {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  parts: Part[];
}

/** Slot centres relative to the outline's centre: left eye, right eye, nose, mouth. */
export const SLOTS: readonly (readonly [number, number])[] = [
  [-4.5, -3.5],
  [4.5, -3.5],
  [0, 1],
  [0, 6.5],
];

const HALF_WIDTH = 0.8;
type Point = readonly [number, number];

function jittered(rng: Rng, kind: PartKind, slot: number, cx: number, cy: number, spread = 0.7): Part {
  const [sx, sy] = SLOTS[slot];
  return { kind, x: cx + sx + rng.uniform(-spread, spread), y: cy + sy + rng.uniform(-spread, spread), size: rng.uniform(0.85, 1.15) };
}

function outline(rng: Rng): Omit<FaceLayout, 'parts'> {
  return { cx: 13.5 + rng.uniform(-1, 1), cy: 13.5 + rng.uniform(-0.8, 0.8), rx: rng.uniform(9.6, 10.8), ry: rng.uniform(11.6, 12.6) };
}

/** A face: eyes, nose and mouth in their slots. */
export function faceLayout(rng: Rng): FaceLayout {
  const o = outline(rng);
  return { ...o, parts: FACE_PARTS.map((kind, slot) => jittered(rng, kind, slot, o.cx, o.cy)) };
}

/** The same outline and parts (kinds and sizes), moved: the mouth to a slot that is not the bottom one, the rest shuffled into the others. */
export function scrambleLayout(face: FaceLayout, rng: Rng): FaceLayout {
  const mouthSlot = rng.int(3);
  const rest = rng.shuffle([0, 1, 2, 3].filter((s) => s !== mouthSlot));
  const slots = [rest[0], rest[1], rest[2], mouthSlot];
  return {
    ...face,
    parts: face.parts.map((p, i) => {
      const moved = jittered(rng, p.kind, slots[i], face.cx, face.cy);
      return { ...moved, size: p.size };
    }),
  };
}

/** A non-face: the outline with distractors in the slots, and with probability ½ one face part in one of them. */
export function nonFaceLayout(rng: Rng): FaceLayout {
  const o = outline(rng);
  const kinds = [0, 1, 2, 3].map(() => DISTRACTORS[rng.int(DISTRACTORS.length)]);
  if (rng.next() < 0.5) kinds[rng.int(4)] = FACE_PARTS[1 + rng.int(3)];
  return { ...o, parts: kinds.map((kind, slot) => jittered(rng, kind, slot, o.cx, o.cy)) };
}

/** Layout a at t = 0, b at t = 1, each part (and the outline) moved in a straight line; a and b must have the same parts in the same order. */
export function blendLayouts(a: FaceLayout, b: FaceLayout, t: number): FaceLayout {
  const mix = (u: number, v: number) => u + t * (v - u);
  if (a.parts.length !== b.parts.length) throw new Error('blendLayouts: the layouts have different parts');
  return {
    cx: mix(a.cx, b.cx),
    cy: mix(a.cy, b.cy),
    rx: mix(a.rx, b.rx),
    ry: mix(a.ry, b.ry),
    parts: a.parts.map((p, i) => ({ kind: p.kind, x: mix(p.x, b.parts[i].x), y: mix(p.y, b.parts[i].y), size: mix(p.size, b.parts[i].size) })),
  };
}

/** A part's strokes as polylines (closed shapes repeat their first point), and its filled disks [x, y, r]. */
function shape(p: Part): { lines: Point[][]; disks: [number, number, number][] } {
  const s = p.size;
  const at = (dx: number, dy: number): Point => [p.x + dx * s, p.y + dy * s];
  switch (p.kind) {
    case 'eye':
      return { lines: [], disks: [[p.x, p.y, 1.6 * s]] };
    case 'nose':
      return { lines: [[at(0.3, -2.4), at(-0.4, 1.6), at(1.2, 1.8)]], disks: [] };
    case 'mouth':
      return { lines: [Array.from({ length: 7 }, (_, k) => at(-3.6 + 1.2 * k, 0.8 - 0.12 * (-3.6 + 1.2 * k) ** 2))], disks: [] };
    case 'square':
      return { lines: [[at(-1.8, -1.8), at(1.8, -1.8), at(1.8, 1.8), at(-1.8, 1.8), at(-1.8, -1.8)]], disks: [] };
    case 'cross':
      return { lines: [[at(-1.9, -1.9), at(1.9, 1.9)], [at(1.9, -1.9), at(-1.9, 1.9)]], disks: [] };
    case 'triangle':
      return { lines: [[at(0, -2.1), at(2.1, 1.7), at(-2.1, 1.7), at(0, -2.1)]], disks: [] };
    case 'zigzag':
      return { lines: [[at(-2.4, 1), at(-1.2, -1), at(0, 1), at(1.2, -1), at(2.4, 1)]], disks: [] };
  }
}

function segmentDistance(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
  const [vx, vy] = [bx - ax, by - ay];
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / len2));
  return Math.hypot(px - ax - t * vx, py - ay - t * vy);
}

const coverage = (distanceInside: number) => Math.max(0, Math.min(1, 0.5 + distanceInside));

/** Render a layout into `out` (side² floats from `at`; written, not added). */
export function drawLayout(layout: FaceLayout, out = new Float32Array(FACE_SIDE * FACE_SIDE), at = 0): Float32Array {
  const shapes = layout.parts.map(shape);
  const rMin = Math.min(layout.rx, layout.ry);
  for (let y = 0; y < FACE_SIDE; y++) {
    for (let x = 0; x < FACE_SIDE; x++) {
      // pixel centres at integer + ½
      const [px, py] = [x + 0.5, y + 0.5];
      const radial = Math.hypot((px - layout.cx) / layout.rx, (py - layout.cy) / layout.ry);
      let v = coverage(HALF_WIDTH - Math.abs(radial - 1) * rMin);
      for (const { lines, disks } of shapes) {
        for (const [dx, dy, r] of disks) v = Math.max(v, coverage(r - Math.hypot(px - dx, py - dy)));
        for (const line of lines) for (let k = 0; k + 1 < line.length; k++) v = Math.max(v, coverage(HALF_WIDTH - segmentDistance(px, py, line[k], line[k + 1])));
      }
      out[at + y * FACE_SIDE + x] = v;
    }
  }
  return out;
}

/** n images, faces (label 1) and non-faces (label 0) alternating in a seeded order. */
export function faceDataset(n: number, rng: Rng): { x: Float32Array; labels: Uint8Array; n: number } {
  const d = FACE_SIDE * FACE_SIDE;
  const x = new Float32Array(n * d);
  const labels = new Uint8Array(n);
  const order = rng.permutation(n);
  for (let i = 0; i < n; i++) {
    labels[i] = order[i] % 2;
    drawLayout(labels[i] === 1 ? faceLayout(rng) : nonFaceLayout(rng), x, i * d);
  }
  return { x, labels, n };
}

/** n face layouts and their scrambled twins (same outline, parts and sizes), drawn in turn from `rng`. */
export function scrambledLayouts(n: number, rng: Rng): { face: FaceLayout; scrambled: FaceLayout }[] {
  return Array.from({ length: n }, () => {
    const face = faceLayout(rng);
    return { face, scrambled: scrambleLayout(face, rng) };
  });
}

/** n faces and, image for image, their scrambled twins. */
export function scrambledFaces(n: number, rng: Rng): { faces: Float32Array; scrambled: Float32Array; n: number } {
  const d = FACE_SIDE * FACE_SIDE;
  const faces = new Float32Array(n * d);
  const scrambled = new Float32Array(n * d);
  scrambledLayouts(n, rng).forEach((pair, i) => {
    drawLayout(pair.face, faces, i * d);
    drawLayout(pair.scrambled, scrambled, i * d);
  });
  return { faces, scrambled, n };
}
