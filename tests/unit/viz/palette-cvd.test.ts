// Issue 17, "a colour-blind-safe palette checked for deuteranopia / protanopia distinguishability":
// every pair of series colours, in the light and the dark theme (src/styles/tokens.css), stays apart
// under simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009,
// severity 1, applied in linear RGB), measured as CIEDE2000 colour difference; and every series also
// has its own dash pattern, so colour is never the only cue. The colour maps' ends stay apart too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colorMaps, dashPatterns, okabeIto, type RGB } from '../../../src/viz/palette';

type M3 = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];
const IDENTITY: M3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
/** Machado et al. (2009), Table 1, severity 1.0. */
const DEFICIENCIES: Record<string, M3> = {
  normal: IDENTITY,
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const hex = (h: string): RGB => {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

/** sRGB bytes as seen with `m`, in CIELAB (D65). */
function lab(rgb: RGB, m: M3): [number, number, number] {
  const lin = rgb.map((c) => toLinear(c / 255));
  const sim = m.map((row) => Math.min(1, Math.max(0, row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2])));
  const [r, g, b] = sim;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIEDE2000 (Sharma, Wu & Dalal 2005). */
function deltaE2000(a: [number, number, number], b: [number, number, number]): number {
  const [L1, a1, b1] = a;
  const [L2, a2, b2] = b;
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const h = (x: number, y: number) => (x === 0 && y === 0 ? 0 : ((Math.atan2(y, x) / rad) + 360) % 360);
  const h1p = h(a1p, b1);
  const h2p = h(a2p, b2);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) dhp = Math.abs(h2p - h1p) <= 180 ? h2p - h1p : h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p + 360;
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lm = (L1 + L2) / 2;
  const Cmp = (C1p + C2p) / 2;
  let hm = h1p + h2p;
  if (C1p * C2p !== 0) hm = Math.abs(h1p - h2p) <= 180 ? (h1p + h2p) / 2 : h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  const T = 1 - 0.17 * Math.cos((hm - 30) * rad) + 0.24 * Math.cos(2 * hm * rad) + 0.32 * Math.cos((3 * hm + 6) * rad) - 0.2 * Math.cos((4 * hm - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hm - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const Sc = 1 + 0.045 * Cmp;
  const Sh = 1 + 0.015 * Cmp * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}

/** The series colours a theme sets in tokens.css: the light one (:root) and the dark one (prefers-color-scheme). */
function themePalettes(): Record<string, string[]> {
  const css = readFileSync('src/styles/tokens.css', 'utf8');
  const sets: string[][] = [];
  let current: string[] = [];
  for (const m of css.matchAll(/--c([0-5])\s*:\s*(#[0-9a-fA-F]{6})/g)) {
    if (m[1] === '0' && current.length) {
      sets.push(current);
      current = [];
    }
    current.push(m[2]);
  }
  if (current.length) sets.push(current);
  return { light: sets[0], dark: sets[1] };
}

/** Smallest CIEDE2000 between two series colours: 10 is clearly different at a glance for lines and marks. */
const MIN_SERIES_DE = 10;

describe('the series palette under colour vision deficiencies', () => {
  const palettes = themePalettes();

  it('the light theme is the Okabe–Ito palette the charts fall back to; the dark theme has six colours too', () => {
    expect(palettes.light.map((c) => c.toLowerCase())).toEqual(okabeIto.map((c) => c.toLowerCase()));
    expect(palettes.dark).toHaveLength(6);
  });

  for (const [theme, colors] of Object.entries(themePalettes())) {
    for (const [deficiency, m] of Object.entries(DEFICIENCIES)) {
      it(`${theme} theme, ${deficiency}: every pair of series colours differs by ΔE2000 ≥ ${MIN_SERIES_DE}`, () => {
        const labs = colors.map((c) => lab(hex(c), m));
        const pairs: string[] = [];
        let worst = Infinity;
        for (let i = 0; i < labs.length; i++) {
          for (let j = i + 1; j < labs.length; j++) {
            const d = deltaE2000(labs[i], labs[j]);
            worst = Math.min(worst, d);
            if (d < MIN_SERIES_DE) pairs.push(`${colors[i]}–${colors[j]} ${d.toFixed(1)}`);
          }
        }
        expect(pairs, `closest ΔE ${worst.toFixed(1)}`).toEqual([]);
      });
    }
  }

  it('every series slot has its own dash pattern: colour is never the only cue', () => {
    expect(new Set(dashPatterns).size).toBe(okabeIto.length);
  });

  it('the colour maps keep their ends apart under every deficiency (ΔE2000 ≥ 30)', () => {
    for (const [name, map] of Object.entries(colorMaps)) {
      for (const [deficiency, m] of Object.entries(DEFICIENCIES)) {
        const d = deltaE2000(lab(map(0), m), lab(map(1), m));
        expect(d, `${name}, ${deficiency}`).toBeGreaterThanOrEqual(30);
      }
    }
  });
});
