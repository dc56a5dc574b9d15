/**
 * The WebGPU engine's other shaders (the products are ./matmul.ts): the softmax cross-entropy head,
 * the fused optimizer, the BNN's batch norm, and the CNN's pooling, routing back and col2im. Each
 * takes binding 0 = its uniform slot (u32 words in the order of its *_FIELDS list, floats as bits).
 * Element-wise kernels stride over a grid of at most 65,535 workgroups of 256.
 */

/**
 * Softmax cross-entropy over n rows of `classes` logits (Z at zOff), labels (u32). 'train' writes
 * δ = (softmax − y)/n to D and S[0] = mean loss, S[1] = correct; 'eval' adds Σ loss to S[2] and the
 * correct count to S[3] (an evaluation sums its chunks). Argmax: the first maximum (tf.argMax).
 * Bindings: 1 Z, 2 labels, 3 S, (train) 4 D.
 */
export const HEAD_FIELDS = ['n', 'classes', 'zOff', 'dOff'] as const;
export function headShader(mode: 'train' | 'eval'): string {
  const train = mode === 'train';
  return `
struct U { n: u32, classes: u32, zOff: u32, dOff: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> Z: array<f32>;
@group(0) @binding(2) var<storage, read> L: array<u32>;
@group(0) @binding(3) var<storage, read_write> S: array<f32>;
${train ? '@group(0) @binding(4) var<storage, read_write> D: array<f32>;' : ''}
var<workgroup> lossPart: array<f32, 256>;
var<workgroup> hitPart: array<f32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3u) {
  var loss = 0.0;
  var hits = 0.0;
  for (var r = lid.x; r < u.n; r += 256u) {
    let z = u.zOff + r * u.classes;
    var mx = Z[z];
    var arg = 0u;
    for (var c = 1u; c < u.classes; c++) { if (Z[z + c] > mx) { mx = Z[z + c]; arg = c; } }
    var sum = 0.0;
    for (var c = 0u; c < u.classes; c++) { sum = sum + exp(Z[z + c] - mx); }
    let label = L[r];
    loss = loss - (Z[z + label] - mx - log(sum));
    if (arg == label) { hits = hits + 1.0; }
    ${train ? 'for (var c = 0u; c < u.classes; c++) { D[u.dOff + r * u.classes + c] = (exp(Z[z + c] - mx) / sum - select(0.0, 1.0, c == label)) / f32(u.n); }' : ''}
  }
  lossPart[lid.x] = loss;
  hitPart[lid.x] = hits;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s = s >> 1u) {
    if (lid.x < s) { lossPart[lid.x] = lossPart[lid.x] + lossPart[lid.x + s]; hitPart[lid.x] = hitPart[lid.x] + hitPart[lid.x + s]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    ${train ? 'S[0] = lossPart[0] / f32(u.n); S[1] = hitPart[0];' : 'S[2] = S[2] + lossPart[0]; S[3] = S[3] + hitPart[0];'}
  }
}`;
}

/**
 * Adam (../../optim.ts, bias correction folded into the step size), or metaplastic Adam on [0, hiddenEnd)
 * (../../rules/metaplastic.ts: × 1 − tanh²(meta·|p|) where m·p > 0), or SGD, over `count` parameters.
 * The per-step numbers come from O = [stepSize, epsHat, meta, learningRate, beta1, beta2], written
 * before each step. Bindings: 1 P, 2 G, then Adam: 3 M, 4 V, 5 O; SGD: 3 O.
 */
export const OPTIMIZER_FIELDS = ['count', 'hiddenEnd'] as const;
export function optimizerShader(kind: 'adam' | 'sgd'): string {
  const body =
    kind === 'sgd'
      ? 'P[i] = P[i] - O[3] * G[i];'
      : `let g = G[i];
    let m = O[4] * M[i] + (1.0 - O[4]) * g;
    let v = O[5] * V[i] + (1.0 - O[5]) * g * g;
    M[i] = m;
    V[i] = v;
    let p = P[i];
    var step = (m / (sqrt(v) + O[1])) * O[0];
    if (i < u.hiddenEnd && m * p > 0.0) {
      // tanh(y) = 1 − 2σ(−2y), σ(−2y) = 1/(1 + e^{2y}) (the lib's form; e^{2y} may overflow to ∞: then 0)
      let t = 1.0 - 2.0 / (1.0 + exp(2.0 * O[2] * abs(p)));
      step = step * (1.0 - t * t);
    }
    P[i] = p - step;`;
  return `
struct U { count: u32, hiddenEnd: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read_write> P: array<f32>;
@group(0) @binding(2) var<storage, read> G: array<f32>;
${kind === 'adam' ? '@group(0) @binding(3) var<storage, read_write> M: array<f32>;\n@group(0) @binding(4) var<storage, read_write> V: array<f32>;' : ''}
@group(0) @binding(${kind === 'adam' ? 5 : 3}) var<storage, read> O: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g3: vec3u, @builtin(num_workgroups) nw: vec3u) {
  for (var i = g3.x; i < u.count; i += nw.x * 256u) {
    ${body}
  }
}`;
}

/**
 * Batch norm forward of a [n×w] layer, one thread per column (../bnn-norm.ts's maths). Modes:
 * 0 training (batch statistics, kept for the backward; running statistics moved), 1 evaluation with
 * the running statistics, 2 batch statistics without touching the running ones. State at sOff:
 * [mean | variance | 1/√(σ²+ε) | running mean | running variance], w each.
 * Bindings: 1 A (pre-BN), 2 P (γ at gOff, β at bOff), 3 X (x̂), 4 Z (out), 5 S (state).
 */
export const NORM_FIELDS = ['n', 'w', 'aOff', 'zOff', 'gOff', 'bOff', 'sOff', 'eps', 'momentum', 'unbias', 'mode'] as const;
export const normForwardShader = `
struct U { n: u32, w: u32, aOff: u32, zOff: u32, gOff: u32, bOff: u32, sOff: u32, eps: f32, momentum: f32, unbias: f32, mode: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> P: array<f32>;
@group(0) @binding(3) var<storage, read_write> X: array<f32>;
@group(0) @binding(4) var<storage, read_write> Z: array<f32>;
@group(0) @binding(5) var<storage, read_write> S: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g3: vec3u, @builtin(num_workgroups) nw: vec3u) {
  for (var j = g3.x; j < u.w; j += nw.x * 256u) {
    var mean: f32;
    var variance: f32;
    if (u.mode == 1u) {
      mean = S[u.sOff + 3u * u.w + j];
      variance = S[u.sOff + 4u * u.w + j];
    } else {
      var s = 0.0;
      for (var r = 0u; r < u.n; r++) { s = s + A[u.aOff + r * u.w + j]; }
      mean = s / f32(u.n);
      var q = 0.0;
      for (var r = 0u; r < u.n; r++) { let d = A[u.aOff + r * u.w + j] - mean; q = q + d * d; }
      variance = q / f32(u.n);
    }
    let inv = 1.0 / sqrt(variance + u.eps);
    if (u.mode == 0u) {
      S[u.sOff + j] = mean;
      S[u.sOff + u.w + j] = variance;
      S[u.sOff + 2u * u.w + j] = inv;
      S[u.sOff + 3u * u.w + j] = S[u.sOff + 3u * u.w + j] * (1.0 - u.momentum) + mean * u.momentum;
      S[u.sOff + 4u * u.w + j] = S[u.sOff + 4u * u.w + j] * (1.0 - u.momentum) + variance * (u.momentum * u.unbias);
    }
    let gamma = P[u.gOff + j];
    let beta = P[u.bOff + j];
    for (var r = 0u; r < u.n; r++) {
      let o = r * u.w + j;
      let x = (A[u.aOff + o] - mean) * inv;
      X[u.zOff + o] = x;
      Z[u.zOff + o] = x * gamma + beta;
    }
  }
}`;

/**
 * Batch norm backward in place on D (δz → δa), one thread per column: ∂γ = Σ δz·x̂ and ∂β = Σ δz
 * into G; δa = (γδz − γ·mean(δz) − x̂·γ·mean(δz·x̂))·(1/√(σ²+ε)).
 * Bindings: 1 D, 2 X (x̂), 3 P (γ), 4 G, 5 S (state).
 */
export const NORM_BACK_FIELDS = ['n', 'w', 'dOff', 'gOff', 'ggOff', 'gbOff', 'sOff'] as const;
export const normBackwardShader = `
struct U { n: u32, w: u32, dOff: u32, gOff: u32, ggOff: u32, gbOff: u32, sOff: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read_write> D: array<f32>;
@group(0) @binding(2) var<storage, read> X: array<f32>;
@group(0) @binding(3) var<storage, read> P: array<f32>;
@group(0) @binding(4) var<storage, read_write> G: array<f32>;
@group(0) @binding(5) var<storage, read> S: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g3: vec3u, @builtin(num_workgroups) nw: vec3u) {
  for (var j = g3.x; j < u.w; j += nw.x * 256u) {
    var sdx = 0.0;
    var sd = 0.0;
    for (var r = 0u; r < u.n; r++) {
      let o = u.dOff + r * u.w + j;
      sdx = sdx + D[o] * X[o];
      sd = sd + D[o];
    }
    G[u.ggOff + j] = sdx;
    G[u.gbOff + j] = sd;
    let gamma = P[u.gOff + j];
    let m1 = gamma * sd / f32(u.n);
    let m2 = gamma * sdx / f32(u.n);
    let inv = S[u.sOff + 2u * u.w + j];
    for (var r = 0u; r < u.n; r++) {
      let o = u.dOff + r * u.w + j;
      D[o] = ((D[o] * gamma - m1) - X[o] * m2) * inv;
    }
  }
}`;

/**
 * 2×2 max pool of H [n, ho, wo, ch] (post-ReLU) into O, W = each winner's index in H (ties: top,
 * then left, as ../js-kernels.ts). Bindings: 1 H, 2 O, 3 W (u32).
 */
export const POOL_FIELDS = ['n', 'ho', 'wo', 'ch'] as const;
export const poolShader = `
struct U { n: u32, ho: u32, wo: u32, ch: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> H: array<f32>;
@group(0) @binding(2) var<storage, read_write> O: array<f32>;
@group(0) @binding(3) var<storage, read_write> W: array<u32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g3: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let pw = u.wo / 2u;
  let ph = u.ho / 2u;
  let total = u.n * ph * pw * u.ch;
  for (var o = g3.x; o < total; o += nw.x * 256u) {
    let c = o % u.ch; let px = (o / u.ch) % pw; let py = (o / (u.ch * pw)) % ph; let b = o / (u.ch * pw * ph);
    let rs = u.wo * u.ch;
    let i00 = (b * u.ho + 2u * py) * rs + 2u * px * u.ch + c;
    let i10 = i00 + rs;
    let left = select(i10, i00, H[i00] >= H[i10]);
    let right = select(i10 + u.ch, i00 + u.ch, H[i00 + u.ch] >= H[i10 + u.ch]);
    let best = select(right, left, H[left] >= H[right]);
    W[o] = best;
    O[o] = H[best];
  }
}`;

/**
 * The pooled gradient back to each window's winner, times ReLU′ (post > 0): D [n, ho, wo, ch].
 * Bindings: 1 DP (pooled gradient), 2 W (winners), 3 H (post-ReLU), 4 D.
 */
export const unpoolShader = `
struct U { n: u32, ho: u32, wo: u32, ch: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> DP: array<f32>;
@group(0) @binding(2) var<storage, read> W: array<u32>;
@group(0) @binding(3) var<storage, read> H: array<f32>;
@group(0) @binding(4) var<storage, read_write> D: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g3: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let total = u.n * u.ho * u.wo * u.ch;
  for (var e = g3.x; e < total; e += nw.x * 256u) {
    let c = e % u.ch; let x = (e / u.ch) % u.wo; let y = (e / (u.ch * u.wo)) % u.ho; let b = e / (u.ch * u.wo * u.ho);
    let o = ((b * (u.ho / 2u) + y / 2u) * (u.wo / 2u) + x / 2u) * u.ch + c;
    D[e] = select(0.0, DP[o], W[o] == e && H[e] > 0.0);
  }
}`;

/**
 * col2im of δcols = δa·Wᵀ, gathered: O[b, y, x, c] = Σ_{ki,kj valid} Σ_f DA[(b, y−ki, x−kj), f]·W[(ki, kj, c), f]
 * (W at wOff in P, [k·k·ch × filters]). Bindings: 1 DA, 2 P, 3 O.
 */
export const COL2IM_FIELDS = ['n', 'h', 'w', 'ch', 'kern', 'ho', 'wo', 'filters', 'wOff'] as const;
export const col2imShader = `
struct U { n: u32, h: u32, w: u32, ch: u32, kern: u32, ho: u32, wo: u32, filters: u32, wOff: u32 };
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> DA: array<f32>;
@group(0) @binding(2) var<storage, read> P: array<f32>;
@group(0) @binding(3) var<storage, read_write> O: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g3: vec3u, @builtin(num_workgroups) nw: vec3u) {
  let total = u.n * u.h * u.w * u.ch;
  for (var e = g3.x; e < total; e += nw.x * 256u) {
    let c = e % u.ch; let x = (e / u.ch) % u.w; let y = (e / (u.ch * u.w)) % u.h; let b = e / (u.ch * u.w * u.h);
    var s = 0.0;
    for (var ki = 0u; ki < u.kern; ki++) {
      if (y < ki || y - ki >= u.ho) { continue; }
      for (var kj = 0u; kj < u.kern; kj++) {
        if (x < kj || x - kj >= u.wo) { continue; }
        let row = ((b * u.ho + y - ki) * u.wo + x - kj) * u.filters;
        let wrow = u.wOff + ((ki * u.kern + kj) * u.ch + c) * u.filters;
        for (var f = 0u; f < u.filters; f++) { s = s + DA[row + f] * P[wrow + f]; }
      }
    }
    O[e] = s;
  }
}`;

/** u32 uniform words from named fields (floats for the names in `floats`). */
export function packUniforms(fields: readonly string[], values: Record<string, number>, floats: readonly string[] = []): number[] {
  const view = new DataView(new ArrayBuffer(4));
  return fields.map((f) => {
    const v = values[f] ?? 0;
    if (!floats.includes(f)) return v >>> 0;
    view.setFloat32(0, v, true);
    return view.getUint32(0, true);
  });
}
