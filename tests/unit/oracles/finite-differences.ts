/**
 * Central finite differences in Float64, written without the lib: the Jacobian of a vector-valued
 * function of a parameter vector, column by column. Test-only.
 */

/** Central differences (g(θ + h eₖ) − g(θ − h eₖ)) / 2h of a vector-valued g: returns outputs × params. */
export function centralJacobian(g: (theta: Float64Array) => Float64Array, theta: Float64Array, h: number): Float64Array {
  const outputs = g(theta).length;
  const jac = new Float64Array(outputs * theta.length);
  for (let k = 0; k < theta.length; k++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[k] += h;
    minus[k] -= h;
    const gp = g(plus);
    const gm = g(minus);
    for (let o = 0; o < outputs; o++) jac[o * theta.length + k] = (gp[o] - gm[o]) / (2 * h);
  }
  return jac;
}
