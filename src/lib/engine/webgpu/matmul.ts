/**
 * The one product shader, in variants: C[m×n] = A·B (+ epilogue) with A and B read through strides
 * (so Aᵀ, Bᵀ cost nothing), 64×64 (or 32×32) output tiles, 16-deep k tiles in workgroup memory (8 KB),
 * each of the 16×16 threads holding a 4×4 (2×2) block of C in registers.
 *
 *   A(i, p) = 1 where i = onesRow or p = onesCol (the bias trick: [h, 1]·[W; b] = hW + b, and
 *             [h, 1]ᵀδ = [∂W; ∂b], since each layer's b is stored right after its W);
 *   A 'sign'  reads sign(A) (±1, sign(0) = −1: the BNN's hidden activations), B 'sign' likewise
 *             (its binary weights); A 'im2col' / 'im2colT' reads a convolution's patches in place;
 *   epilogues: an activation (forward), × f′(E) (backward, E = the layer's output), × 1_{|E|≤1}
 *             (the straight-through estimator, E = z);
 *   split-K: workgroup z sums k ∈ [z·kChunk, (z+1)·kChunk) into its own slice of C (a scratch
 *             buffer, reduced by `reduceShader`), for tall-and-thin products such as a conv's ∂W.
 *
 * Bindings: 0 uniforms, 1 A, 2 B, 3 C (read-write), 4 E (only with an epilogue that reads it).
 */

export type ALoad = 'plain' | 'sign' | 'im2col' | 'im2colT';
export type Epilogue = 'none' | 'relu' | 'tanh' | 'sigmoid' | 'd-relu' | 'd-tanh' | 'd-sigmoid' | 'ste';

export interface MatmulVariant {
  /** Outputs per thread per side: 4 (64×64 tiles) or 2 (32×32). */
  tm: 2 | 4;
  a: ALoad;
  bSign: boolean;
  /** A's k index is its contiguous one (aCs = 1): load tiles along k. */
  aKContig: boolean;
  /** B's column index is contiguous (bCs = 1). */
  bJContig: boolean;
  epilogue: Epilogue;
}

/** Uniform words, in order. */
export const MATMUL_FIELDS = ['m', 'n', 'k', 'aOff', 'aRs', 'aCs', 'bOff', 'bRs', 'bCs', 'cOff', 'cRs', 'eOff', 'onesRow', 'onesCol', 'kChunk', 'splitStride', 'h', 'w', 'ch', 'kern', 'wo', 'pos'] as const;
export type MatmulUniforms = Partial<Record<(typeof MATMUL_FIELDS)[number], number>>;

export const NONE = 0xffffffff;

export function matmulUniforms(u: MatmulUniforms): number[] {
  const defaults: MatmulUniforms = { onesRow: NONE, onesCol: NONE, splitStride: 0 };
  return MATMUL_FIELDS.map((f) => u[f] ?? defaults[f] ?? 0);
}

const usesE = (e: Epilogue) => e.startsWith('d-') || e === 'ste';

function epilogueCode(e: Epilogue): string {
  switch (e) {
    case 'none':
      return 'v';
    case 'relu':
      return 'select(0.0, v, v > 0.0)';
    case 'tanh':
      return 'tanhStable(v)';
    case 'sigmoid':
      return '1.0 / (1.0 + exp(-v))';
    case 'd-relu':
      return 'select(0.0, v, E[eo] > 0.0)';
    case 'd-tanh':
      return 'v * (1.0 - E[eo] * E[eo])';
    case 'd-sigmoid':
      return 'v * (E[eo] * (1.0 - E[eo]))';
    case 'ste':
      return 'select(0.0, v, abs(E[eo]) <= 1.0)';
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function matmulShader(v: MatmulVariant): string {
  const TM = v.tm;
  const BM = 16 * TM;
  const fields = MATMUL_FIELDS.map((f) => `${f}: u32`).join(', ');
  const patch = `
fn patchValue(r: u32, q: u32) -> f32 {
  let b = r / u.pos; let rem = r % u.pos; let oy = rem / u.wo; let ox = rem % u.wo;
  let kc = u.kern * u.ch; let ki = q / kc; let r2 = q % kc; let kj = r2 / u.ch; let c = r2 % u.ch;
  return A[u.aOff + ((b * u.h + oy + ki) * u.w + ox + kj) * u.ch + c];
}`;
  const aValue = {
    plain: 'A[u.aOff + i * u.aRs + p * u.aCs]',
    sign: 'select(-1.0, 1.0, A[u.aOff + i * u.aRs + p * u.aCs] > 0.0)',
    im2col: 'patchValue(i, p)',
    im2colT: 'patchValue(p, i)',
  }[v.a];
  const bValue = v.bSign ? 'select(-1.0, 1.0, B[u.bOff + p * u.bRs + j * u.bCs] > 0.0)' : 'B[u.bOff + p * u.bRs + j * u.bCs]';
  return `
struct U { ${fields} };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read_write> C: array<f32>;
${usesE(v.epilogue) ? '@group(0) @binding(4) var<storage, read> E: array<f32>;' : ''}
const TM = ${TM}u;
const BM = ${BM}u;
const BK = 16u;
var<workgroup> As: array<f32, ${16 * BM}>;
var<workgroup> Bs: array<f32, ${16 * BM}>;
${v.a.startsWith('im2col') ? patch : ''}
fn tanhStable(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
fn loadA(i: u32, p: u32, kEnd: u32) -> f32 {
  if (i >= u.m || p >= kEnd) { return 0.0; }
  if (i == u.onesRow || p == u.onesCol) { return 1.0; }
  return ${aValue};
}
fn loadB(p: u32, j: u32, kEnd: u32) -> f32 {
  if (p >= kEnd || j >= u.n) { return 0.0; }
  return ${bValue};
}
fn store(i: u32, j: u32, z: u32, v: f32) {
  if (i >= u.m || j >= u.n) { return; }
  ${usesE(v.epilogue) ? 'let eo = u.eOff + i * u.cRs + j;' : ''}
  C[u.cOff + z * u.splitStride + i * u.cRs + j] = ${epilogueCode(v.epilogue)};
}
@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let tid = lid.y * 16u + lid.x;
  let row0 = wid.y * BM;
  let col0 = wid.x * BM;
  let kStart = wid.z * u.kChunk;
  let kEnd = min(u.k, kStart + u.kChunk);
${range(TM * TM).map((t) => `  var acc${t} = 0.0;`).join('\n')}
  for (var k0 = kStart; k0 < kEnd; k0 += BK) {
${range(TM).map((e) => `    {
      let idx = tid + ${e * 256}u;
      ${v.aKContig ? 'let ka = idx % BK; let ia = idx / BK;' : 'let ia = idx % BM; let ka = idx / BM;'}
      As[ka * BM + ia] = loadA(row0 + ia, k0 + ka, kEnd);
      ${v.bJContig ? 'let jb = idx % BM; let kb = idx / BM;' : 'let kb = idx % BK; let jb = idx / BK;'}
      Bs[kb * BM + jb] = loadB(k0 + kb, col0 + jb, kEnd);
    }`).join('\n')}
    workgroupBarrier();
    for (var kk = 0u; kk < BK; kk++) {
      let ao = kk * BM + lid.y * TM;
      let bo = kk * BM + lid.x * TM;
${range(TM).map((r) => `      let a${r} = As[ao + ${r}u];
      let b${r} = Bs[bo + ${r}u];`).join('\n')}
${range(TM * TM).map((t) => `      acc${t} = acc${t} + a${Math.floor(t / TM)} * b${t % TM};`).join('\n')}
    }
    workgroupBarrier();
  }
${range(TM * TM).map((t) => `  store(row0 + lid.y * TM + ${Math.floor(t / TM)}u, col0 + lid.x * TM + ${t % TM}u, wid.z, acc${t});`).join('\n')}
}`;
}

/** Sum the split-K slices: C[i, j] = Σ_s S[s·stride + i·n + j]. Bindings: 0 uniforms, 1 S, 2 C. */
export const REDUCE_FIELDS = ['m', 'n', 'splits', 'stride', 'cOff', 'cRs'] as const;
export const reduceShader = `
struct U { m: u32, n: u32, splits: u32, stride: u32, cOff: u32, cRs: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) nw: vec3u) {
  for (var e = g.x; e < u.m * u.n; e += nw.x * 256u) {
    var s = 0.0;
    for (var z = 0u; z < u.splits; z++) { s = s + S[z * u.stride + e]; }
    C[u.cOff + (e / u.n) * u.cRs + e % u.n] = s;
  }
}`;

/** One product to dispatch: operands as (buffer, offset, row stride, column stride), in floats. */
export interface MatmulCall {
  m: number;
  n: number;
  k: number;
  a: { buffer: GPUBuffer; off?: number; rs: number; cs: number; load?: ALoad; onesRow?: number; onesCol?: number; conv?: { h: number; w: number; ch: number; kern: number; wo: number; pos: number } };
  b: { buffer: GPUBuffer; off?: number; rs: number; cs: number; sign?: boolean };
  c: { buffer: GPUBuffer; off?: number; rs: number };
  epilogue?: Epilogue;
  e?: { buffer: GPUBuffer; off?: number };
  /** Scratch for split-K (floats available), when the product is tall and thin. */
  scratch?: { buffer: GPUBuffer; floats: number };
}

export interface DispatchLike {
  shader: string;
  buffers: GPUBuffer[];
  uniforms: number[];
  workgroups: [number, number?, number?];
}

const tiles = (x: number, size: number) => Math.ceil(x / size);

/** The dispatch(es) of a product: tile size by its shape, split-K (+ a reduce) when it is tall and thin. */
export function matmulDispatches(call: MatmulCall): DispatchLike[] {
  const { m, n, k, a, b, c } = call;
  const epilogue = call.epilogue ?? 'none';
  const tm: 2 | 4 = tiles(m, 64) * tiles(n, 64) >= 64 ? 4 : 2;
  const size = 16 * tm;
  let splits = 1;
  if (call.scratch && epilogue === 'none' && tiles(m, size) * tiles(n, size) < 16 && k >= 4096) {
    splits = Math.min(64, Math.ceil(k / 2048), Math.floor(call.scratch.floats / (m * n)));
  }
  const kChunk = splits > 1 ? Math.ceil(k / splits / 16) * 16 : k;
  if (splits > 1) splits = Math.ceil(k / kChunk);
  const variant: MatmulVariant = { tm, a: a.load ?? 'plain', bSign: b.sign ?? false, aKContig: a.load === 'im2col' || (a.load !== 'im2colT' && a.cs === 1), bJContig: b.cs === 1, epilogue };
  const split = splits > 1 ? (call.scratch as { buffer: GPUBuffer }) : null;
  const uniforms = matmulUniforms({
    m, n, k,
    aOff: a.off ?? 0, aRs: a.rs, aCs: a.cs, onesRow: a.onesRow, onesCol: a.onesCol,
    bOff: b.off ?? 0, bRs: b.rs, bCs: b.cs,
    cOff: split ? 0 : (c.off ?? 0), cRs: split ? n : c.rs, eOff: call.e?.off ?? 0,
    kChunk, splitStride: split ? m * n : 0,
    ...(a.conv ?? {}),
  });
  const buffers = [a.buffer, b.buffer, split ? split.buffer : c.buffer, ...(call.e && (epilogue.startsWith('d-') || epilogue === 'ste') ? [call.e.buffer] : [])];
  const product: DispatchLike = { shader: matmulShader(variant), buffers, uniforms, workgroups: [tiles(n, size), tiles(m, size), splits] };
  if (!split) return [product];
  const reduce: DispatchLike = {
    shader: reduceShader,
    buffers: [split.buffer, c.buffer],
    uniforms: [m, n, splits, m * n, c.off ?? 0, c.rs],
    workgroups: [Math.min(65535, Math.ceil((m * n) / 256))],
  };
  return [product, reduce];
}
