// Shifts (zero fill and wrap-around), seeded random shifts and augmentation, the quadrant swap, and
// the synthetic faces: each against plain loops or exact identities.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { augmentShifts, randomShifts, shiftEach, shiftImages } from '../../../src/lib/data/shift';
import { DIAGONAL_SWAP, permuteQuadrants } from '../../../src/lib/data/scramble';
import { blendLayouts, drawLayout, FACE_PARTS, faceDataset, faceLayout, nonFaceLayout, scrambledFaces, scrambledLayouts, SLOTS } from '../../../src/lib/data/faces';

const side = 6;
const image = Float32Array.from({ length: side * side }, (_, i) => i + 1);
const at = (x: ArrayLike<number>, row: number, col: number, s = side) => x[row * s + col];

describe('shifts', () => {
  it('zero fill: out[y, x] = in[y − dy, x − dx], zero where that falls outside', () => {
    for (const [dx, dy] of [[2, 0], [-1, 3], [0, -4], [7, 0]]) {
      const out = shiftImages(image, 1, side, dx, dy, 'zero');
      for (let y = 0; y < side; y++)
        for (let x = 0; x < side; x++) {
          const [sy, sx] = [y - dy, x - dx];
          expect(at(out, y, x)).toBe(sy < 0 || sy >= side || sx < 0 || sx >= side ? 0 : at(image, sy, sx));
        }
    }
  });

  it('wrap: a cyclic shift (nothing lost), undone by the opposite shift', () => {
    const out = shiftImages(image, 1, side, 4, -2, 'wrap');
    for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) expect(at(out, y, x)).toBe(at(image, (y + 2) % side, (x - 4 + side) % side));
    expect(Array.from(shiftImages(out, 1, side, -4, 2, 'wrap'))).toEqual(Array.from(image));
    expect([...out].sort((a, b) => a - b)).toEqual([...image]);
  });

  it('shiftEach moves each image by its own shift', () => {
    const two = new Float32Array([...image, ...image.map((v) => -v)]);
    const out = shiftEach(two, 2, side, [1, 0, 0, -1], 'zero');
    expect(Array.from(out.subarray(0, 36))).toEqual(Array.from(shiftImages(image, 1, side, 1, 0)));
    expect(Array.from(out.subarray(36))).toEqual(Array.from(shiftImages(image.map((v) => -v), 1, side, 0, -1)));
  });

  it('random shifts are seeded integers in [−k, k] (dy = 0 on axis x), every value drawn', () => {
    const a = randomShifts(400, 2, createRng(5));
    expect(Array.from(a)).toEqual(Array.from(randomShifts(400, 2, createRng(5))));
    expect(new Set(a)).toEqual(new Set([-2, -1, 0, 1, 2]));
    const x = randomShifts(50, 3, createRng(6), 'x');
    for (let i = 0; i < 50; i++) expect(x[2 * i + 1]).toBe(0);
    expect(() => randomShifts(2, 1.5, createRng(1))).toThrow();
  });

  it('augmentation: the same seed gives the same shifted batch, each image one of its shifts', () => {
    const batch = new Float32Array([...image, ...image]);
    const a = augmentShifts(batch, 2, side, 2, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(augmentShifts(batch, 2, side, 2, createRng(3))));
    const shifts = randomShifts(2, 2, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(shiftEach(batch, 2, side, shifts)));
  });
});

describe('quadrant swap', () => {
  it('the diagonal swap is a wrap shift by half the side in x and y, and its own inverse', () => {
    const swapped = permuteQuadrants(image, 1, side);
    expect(Array.from(swapped)).toEqual(Array.from(shiftImages(image, 1, side, 3, 3, 'wrap')));
    expect(Array.from(permuteQuadrants(swapped, 1, side, DIAGONAL_SWAP))).toEqual(Array.from(image));
  });

  it('moves whole quadrants as asked, and refuses what is not a permutation', () => {
    const out = permuteQuadrants(image, 1, side, [1, 0, 2, 3]);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) expect(at(out, y, x)).toBe(at(image, y, x + 3));
    expect(at(out, 4, 4)).toBe(at(image, 4, 4));
    expect(() => permuteQuadrants(image, 1, side, [0, 0, 1, 2])).toThrow();
  });
});

describe('synthetic faces', () => {
  it('are seeded, in [0, 1], with an outline and ink where the parts are', () => {
    const a = drawLayout(faceLayout(createRng(2)));
    expect(Array.from(a)).toEqual(Array.from(drawLayout(faceLayout(createRng(2)))));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
    const layout = faceLayout(createRng(2));
    for (const p of layout.parts) expect(a[Math.round(p.y - 0.5) * 28 + Math.round(p.x - 0.5)] + a[Math.floor(p.y) * 28 + Math.floor(p.x)]).toBeGreaterThan(0);
    expect(layout.parts.map((p) => p.kind)).toEqual([...FACE_PARTS]);
  });

  it('a scrambled twin keeps the outline, the parts and their sizes, with the mouth off the bottom slot', () => {
    for (const { face, scrambled } of scrambledLayouts(30, createRng(4))) {
      expect([scrambled.cx, scrambled.rx]).toEqual([face.cx, face.rx]);
      expect(scrambled.parts.map((p) => [p.kind, p.size])).toEqual(face.parts.map((p) => [p.kind, p.size]));
      const mouth = scrambled.parts[3];
      expect(Math.abs(mouth.y - (face.cy + SLOTS[3][1]))).toBeGreaterThan(2);
    }
  });

  it('blending moves each part on a straight line: t = 0 is the face, t = 1 its twin', () => {
    const [{ face, scrambled }] = scrambledLayouts(1, createRng(7));
    expect(Array.from(drawLayout(blendLayouts(face, scrambled, 0)))).toEqual(Array.from(drawLayout(face)));
    expect(Array.from(drawLayout(blendLayouts(face, scrambled, 1)))).toEqual(Array.from(drawLayout(scrambled)));
    const half = blendLayouts(face, scrambled, 0.5);
    half.parts.forEach((p, i) => expect(p.x).toBeCloseTo((face.parts[i].x + scrambled.parts[i].x) / 2, 10));
  });

  it('non-faces hold at most one face part; the dataset is balanced and seeded', () => {
    for (let s = 0; s < 40; s++) expect(nonFaceLayout(createRng(s)).parts.filter((p) => FACE_PARTS.includes(p.kind)).length).toBeLessThanOrEqual(1);
    const set = faceDataset(40, createRng(9));
    expect(set.labels.reduce((s, l) => s + l, 0)).toBe(20);
    expect(Array.from(set.x)).toEqual(Array.from(faceDataset(40, createRng(9)).x));
    const pairs = scrambledFaces(3, createRng(4));
    const layouts = scrambledLayouts(3, createRng(4));
    expect(Array.from(pairs.scrambled.subarray(784, 1568))).toEqual(Array.from(drawLayout(layouts[1].scrambled)));
  });
});
