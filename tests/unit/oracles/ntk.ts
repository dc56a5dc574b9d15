/**
 * Float64 oracle of the arc-cosine kernels behind the analytic NTK (Cho & Saul 2009): E over
 * w ~ N(0, I₂) of relu′(w·x)relu′(w·x′) (degree 0) or relu(w·x)relu(w·x′) (degree 1) for unit inputs
 * at angles γ, γ′, by a midpoint rule over the angle of w, written without the lib. Test-only.
 */

/**
 * E over w ~ N(0, I₂) of g(w·x, w·x′) for unit x = (cos γ, sin γ): with w = ρ(cos ψ, sin ψ), the radius
 * (Rayleigh, E ρ² = 2) factors out of a product of two degree-one terms, leaving a midpoint rule in ψ.
 */
export function arcCosineQuadrature(gamma: number, gammaPrime: number, degree: 0 | 1, steps = 400_000): number {
  let sum = 0;
  for (let k = 0; k < steps; k++) {
    const psi = -Math.PI + (2 * Math.PI * (k + 0.5)) / steps;
    const c = Math.cos(psi - gamma);
    const d = Math.cos(psi - gammaPrime);
    if (c > 0 && d > 0) sum += degree === 1 ? 2 * c * d : 1;
  }
  return sum / steps;
}
