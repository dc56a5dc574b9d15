/**
 * The neural-tangent-kernel library: a one-hidden-layer ReLU net in the NTK / standard
 * parameterisation with an output scale α, its Jacobian and empirical tangent kernel, the analytic
 * (arc-cosine) kernel, kernel regression and its gradient-descent dynamics, a Jacobi eigensolver,
 * and Jacot et al.'s unit-circle toy. Plain Float64 typed arrays; no tfjs, nothing to dispose.
 */
export * from './two-layer-net';
export * from './jacobian';
export * from './empirical-ntk';
export * from './analytic-ntk';
export * from './cholesky';
export * from './eigen';
export * from './kernel-regression';
export * from './kernel-dynamics';
export * from './gradient-descent';
export * from './kernel-change';
export * from './features';
export * from './circle-toy';
