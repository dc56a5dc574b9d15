/**
 * The playground-class toy set: two rings around the origin (2 inputs, 2 classes), class 0 at radius
 * 0.1–0.4 and class 1 at 0.5–0.8, uniform in angle. Drawn from the given Rng in order (label, radius,
 * angle per point), so the same Rng state gives the same points.
 */
import type { Rng } from '../random';

export function toyRings(n: number, rng: Rng): { x: Float32Array; labels: Uint8Array } {
  const x = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = rng.int(2);
    const r = (label ? 0.5 : 0.1) + 0.3 * rng.next();
    const angle = 2 * Math.PI * rng.next();
    x[2 * i] = r * Math.cos(angle);
    x[2 * i + 1] = r * Math.sin(angle);
    labels[i] = label;
  }
  return { x, labels };
}
