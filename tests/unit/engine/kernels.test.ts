// The engine's kernels: the WASM SIMD build against the plain-JS build (and both against a naive
// Float64 product) on odd shapes that hit every register-block width and the scalar tails; the
// assembler's integer encodings; im2col/col2im as adjoints; pooling's tie rule.
import { describe, expect, it } from 'vitest';
import { jsKernels, wasmKernels, wasmSimdAvailable, type Kernels } from '../../../src/lib/engine/kernels';
import { sleb, uleb } from '../../../src/lib/engine/wasm/asm';
import { createRng } from '../../../src/lib/random';
import { expectClose } from '../oracles/expect-close';

const both = (): Kernels[] => [jsKernels(), wasmKernels()];

function put(k: Kernels, values: ArrayLike<number>): number {
  const at = k.heap.alloc(values.length);
  k.heap.f32.set(Array.from(values), at);
  return at;
}

const read = (k: Kernels, at: number, n: number) => Array.from(k.heap.f32.subarray(at, at + n));

function randomArray(n: number, seed: number, zeros = 0.4): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() < zeros ? 0 : rng.uniform(-1, 1)));
}

describe('assembler', () => {
  it('encodes LEB128 integers as the spec does', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([127]);
    expect(uleb(128)).toEqual([0x80, 1]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([63]);
    expect(sleb(64)).toEqual([0xc0, 0]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('builds a module this runtime validates', () => {
    expect(wasmSimdAvailable()).toBe(true);
  });
});

describe.each([
  [1, 1, 1],
  [3, 5, 7],
  [5, 37, 9],
  [17, 64, 33],
  [9, 10, 256],
  [4, 101, 13],
])('gemm %i×%i (k = %i)', (m, n, k) => {
  const a = randomArray(m * k, 1);
  const b = randomArray(k * n, 2, 0);
  const c0 = randomArray(m * n, 3, 0);
  const naive = (accumulate: boolean, transposed: boolean) =>
    Array.from({ length: m * n }, (_, idx) => {
      const i = Math.floor(idx / n);
      const j = idx % n;
      let s = accumulate ? c0[idx] : 0;
      for (let p = 0; p < k; p++) s += (transposed ? a[p * m + i] : a[i * k + p]) * b[p * n + j];
      return s;
    });

  it.each([false, true])('C = A·B (accumulate %s) in both builds', (accumulate) => {
    for (const K of both()) {
      const [pa, pb, pc] = [put(K, a), put(K, b), put(K, c0)];
      K.gemm(m, n, k, pa, k, 1, pb, pc, accumulate);
      expectClose(read(K, pc, m * n), naive(accumulate, false), 1e-5);
    }
  });

  it('C = Aᵀ·B by swapped strides and by the one-pass kernel', () => {
    for (const K of both()) {
      const [pa, pb] = [put(K, a), put(K, b)];
      const c1 = K.heap.alloc(m * n);
      const c2 = put(K, c0);
      K.gemm(m, n, k, pa, 1, m, pb, c1, false);
      K.gemmTN(m, n, k, pa, pb, c2, false);
      expectClose(read(K, c1, m * n), naive(false, true), 1e-5);
      expectClose(read(K, c2, m * n), naive(false, true), 1e-5);
      const c3 = put(K, c0);
      K.gemmTN(m, n, k, pa, pb, c3, true);
      expectClose(read(K, c3, m * n), naive(true, true), 1e-5);
    }
  });
});

describe('element-wise kernels agree across builds', () => {
  const run = (fn: (K: Kernels) => number[]) => {
    const [a, b] = both().map(fn);
    expectClose(a, b, 1e-6);
    return a;
  };

  it('adam and sgd', () => {
    const n = 103;
    run((K) => {
      const [p, g] = [put(K, randomArray(n, 4, 0)), put(K, randomArray(n, 5, 0))];
      const [m, v] = [K.heap.alloc(n), K.heap.alloc(n)];
      for (let t = 1; t <= 3; t++) K.adam(n, p, g, m, v, 0.9, 0.999, 1e-2 * Math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t), 1e-8 * Math.sqrt(1 - 0.999 ** t));
      K.sgd(n, p, g, 0.1);
      return [...read(K, p, n), ...read(K, m, n), ...read(K, v, n)];
    });
  });

  it('bias + relu, relu gradient, column sums, transpose', () => {
    const [rows, n] = [7, 13];
    const out = run((K) => {
      const pre = put(K, randomArray(rows * n, 6, 0));
      const bias = put(K, randomArray(n, 7, 0));
      const post = K.heap.alloc(rows * n);
      K.biasAdd(rows, n, pre, bias, post);
      const d = put(K, randomArray(rows * n, 8, 0));
      K.reluGrad(rows * n, pre, d);
      const sums = K.heap.alloc(n);
      K.columnSums(rows, n, d, sums);
      const t = K.heap.alloc(rows * n);
      K.transpose(rows, n, d, t);
      return [...read(K, pre, rows * n), ...read(K, post, rows * n), ...read(K, d, rows * n), ...read(K, sums, n), ...read(K, t, rows * n)];
    });
    const post = out.slice(rows * n, 2 * rows * n);
    expect(post.every((v) => v >= 0)).toBe(true);
  });

  it('relu keeps NaN (so a diverged run stays visibly diverged)', () => {
    for (const K of both()) {
      const pre = put(K, [NaN, -1, 2, NaN, 0]);
      const bias = put(K, [0, 0, 0, 0, 0]);
      const post = K.heap.alloc(5);
      K.biasAdd(1, 5, pre, bias, post);
      const r = read(K, post, 5);
      expect(Number.isNaN(r[0]) && Number.isNaN(r[3])).toBe(true);
      expect(r.slice(1, 3)).toEqual([0, 2]);
    }
  });

  it('col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩', () => {
    const [n, h, w, ch, k] = [2, 7, 6, 3, 3];
    const cols = n * (h - k + 1) * (w - k + 1) * k * k * ch;
    const x = randomArray(n * h * w * ch, 9, 0);
    const c = randomArray(cols, 10, 0);
    const dots = run((K) => {
      const px = put(K, x);
      const pc = K.heap.alloc(cols);
      K.im2col(n, h, w, ch, k, px, pc);
      const lhs = read(K, pc, cols).reduce((s, v, i) => s + v * c[i], 0);
      const pc2 = put(K, c);
      const dx = K.heap.alloc(n * h * w * ch);
      K.col2im(n, h, w, ch, k, dx, pc2);
      const rhs = read(K, dx, n * h * w * ch).reduce((s, v, i) => s + v * x[i], 0);
      return [lhs, rhs];
    });
    expect(dots[0]).toBeCloseTo(dots[1], 3);
  });

  it('max pooling picks the top, then the left, on ties and routes the gradient to the winner', () => {
    for (const K of both()) {
      // one 2×2 image, 2 channels: channel 0 all equal (tie → top-left), channel 1 max bottom-right
      const h = put(K, [5, 1, 5, 2, 5, 3, 5, 4]);
      const out = K.heap.alloc(2);
      const win = K.heap.alloc(2);
      K.maxPool(1, 2, 2, 2, h, out, win);
      expect(read(K, out, 2)).toEqual([5, 4]);
      expect(Array.from(K.heap.i32.subarray(win, win + 2))).toEqual([0, 7]);
      const dp = put(K, [10, 20]);
      const d = K.heap.alloc(8);
      K.unpool(2, win, dp, d, 8);
      expect(read(K, d, 8)).toEqual([10, 0, 0, 0, 0, 0, 0, 20]);
    }
  });
});

describe('which (model, update rule) pairs each engine supports', () => {
  it('the typed-array engines implement SGD and Adam; the lib on tfjs every registered rule', async () => {
    const { engineSupports, engineUpdateRules } = await import('../../../src/lib/engine');
    const mlp = { kind: 'mlp' as const, sizes: [4, 3, 2], activation: 'relu' as const };
    expect(engineUpdateRules('js')).toEqual(['sgd', 'adam']);
    expect(engineSupports('js', mlp, 'adam')).toBe(true);
    expect(engineSupports('js', mlp, 'eg')).toBe(false);
    expect(engineUpdateRules('tfjs-cpu')).toContain('eg');
    expect(engineUpdateRules('tfjs-cpu')).toContain('metaplastic-adam');
  });
});
