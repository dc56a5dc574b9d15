// The event camera against a hand-made intensity sequence, a still scene and a moving digit.
import { describe, expect, it } from 'vitest';
import { EventCamera, renderMovingDigit, type MovingDigitScene } from '../../../src/lib/dynamics/event-camera';
import { createRng } from '../../../src/lib/random';

describe('event camera', () => {
  it('emits the events worked out by hand for one pixel (C = 0.1 on ln I)', () => {
    const camera = new EventCamera({ width: 1, height: 1, threshold: 0.1, mismatch: 0 }, createRng(1));
    const seen = (intensity: number, time: number) => camera.observe([intensity], time);
    expect(seen(1, 0).count).toBe(0); // sets the reference ln 1 = 0
    expect(seen(1.1, 1).count).toBe(0); // ln 1.1 = 0.0953 < 0.1
    // ln 1.3 = 0.2624: crosses 0.1 and 0.2 (2 ON), at fractions (0.1 − 0.0953)/(0.2624 − 0.0953) = 0.0281
    // and (0.2 − 0.0953)/0.1671 = 0.6267 of the step from t = 1 to t = 2.
    const on = seen(1.3, 2);
    expect(on.count).toBe(2);
    expect(Array.from(on.polarity)).toEqual([1, 1]);
    expect(on.t[0]).toBeCloseTo(1.0281, 4);
    expect(on.t[1]).toBeCloseTo(1.6267, 4);
    expect(seen(1.3, 3).count).toBe(0); // no change, no event: there are no frames
    // ln 0.9 = −0.1054, down from the reference 0.2: crosses 0.1, 0.0 and −0.1 (3 OFF), at fractions
    // (0.2624 − 0.1)/0.3677 = 0.4415, 0.7135 and 0.9854 of the step from t = 3 to t = 4.
    const off = seen(0.9, 4);
    expect(Array.from(off.polarity)).toEqual([-1, -1, -1]);
    [3.4415, 3.7135, 3.9854].forEach((t, i) => expect(off.t[i]).toBeCloseTo(t, 4));
    expect(camera.reference[0]).toBeCloseTo(-0.1, 12);
    expect(seen(1.05, 5).count).toBe(1); // ln 1.05 = 0.0488, 0.149 above −0.1: one ON
    expect([camera.onEvents, camera.offEvents]).toEqual([3, 3]);
  });

  it('a still scene emits nothing, however long it is watched', () => {
    const camera = new EventCamera({ width: 8, height: 8, threshold: 0.15, mismatch: 0.1 }, createRng(2));
    const image = Float64Array.from({ length: 64 }, (_, i) => 0.1 + (i % 7) / 8);
    for (let t = 0; t < 100; t++) expect(camera.observe(image, t).count).toBe(0);
  });

  it('a digit crossing the field makes ON events at its leading edges and as many OFF events behind it', () => {
    const digit = new Uint8Array(28 * 28);
    for (let y = 4; y < 24; y++) for (let x = 10; x < 18; x++) digit[y * 28 + x] = 255; // a bar
    const scene: MovingDigitScene = { width: 40, height: 28, digit, digitSize: 28, background: 0.1, foreground: 1 };
    const camera = new EventCamera({ width: 40, height: 28, threshold: 0.2, mismatch: 0 }, createRng(3));
    const frame = new Float64Array(40 * 28);
    let total = 0;
    // 1,000 pixels per second: the left edge at −28 + t (t in ms).
    for (let t = 0; t <= 70; t += 0.5) total += camera.observe(renderMovingDigit(scene, -28 + t, frame), t).count;
    // Each pixel the bar passes goes up by ln(1/0.1) = 2.30 and back down: 11 ON and 11 OFF at C = 0.2.
    expect(camera.onEvents).toBe(camera.offEvents);
    expect(camera.onEvents % 11).toBe(0);
    expect(camera.onEvents / 11).toBe(20 * 40); // 20 rows × all 40 columns swept by the bar
    expect(total).toBe(camera.onEvents + camera.offEvents);
  });
});
