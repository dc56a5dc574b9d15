/**
 * Colours. Series colours are CSS custom properties `--c0`…`--c5` (the page's theme and projector
 * mode can override them) with Okabe–Ito fallbacks, a palette readable with every common colour
 * vision deficiency; each series also gets its own dash pattern so colour is never the only cue.
 * Colour maps turn a value in [0, 1] into RGB for cells and pixels.
 */

/** Okabe & Ito (2008), "Color Universal Design", without the yellow that vanishes on white. */
export const okabeIto = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

/** Solid, dashed, dotted, dash-dot, long dash, dense dots: one per palette slot. */
export const dashPatterns = ['', '6 3', '2 3', '8 3 2 3', '12 4', '1 2'] as const;

/** The CSS colour of series slot `i`: `var(--c{i}, <Okabe–Ito fallback>)`, cycling after six. */
export function seriesColor(i: number): string {
  const k = ((i % okabeIto.length) + okabeIto.length) % okabeIto.length;
  return `var(--c${k}, ${okabeIto[k]})`;
}

/**
 * The colour for text in a series colour (a number that doubles as its legend): `var(--cK-text, …)`
 * for a series colour `var(--cK…)`, the same hue darkened in the light theme to read at 4.5:1
 * (src/styles/tokens.css); any other colour unchanged. Lines and marks keep the series colour.
 */
export function textColor(color: string): string {
  const m = /^var\(--c(\d)\b/.exec(color);
  return m ? `var(--c${m[1]}-text, ${color})` : color;
}

/** The dash pattern of series slot `i` (an SVG `stroke-dasharray`, '' for solid). */
export function seriesDash(i: number): string {
  const k = ((i % dashPatterns.length) + dashPatterns.length) % dashPatterns.length;
  return dashPatterns[k];
}

export type RGB = readonly [number, number, number];
/** t in [0, 1] (clamped) -> RGB bytes. */
export type ColorMap = (t: number) => RGB;

function hexToRGB(hex: string): RGB {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A colour map interpolating linearly in RGB between evenly spaced stops. */
export function interpolateStops(stops: readonly string[]): ColorMap {
  const rgb = stops.map(hexToRGB);
  const last = rgb.length - 1;
  return (t) => {
    const u = (Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0) * last;
    const i = Math.min(last - 1, Math.floor(u));
    const f = u - i;
    const a = rgb[i];
    const b = rgb[i + 1];
    return [
      Math.round(a[0] + (b[0] - a[0]) * f),
      Math.round(a[1] + (b[1] - a[1]) * f),
      Math.round(a[2] + (b[2] - a[2]) * f),
    ];
  };
}

/**
 * Named colour maps. `ink`: 0 white -> 1 black (digits on paper); `gray`: 0 black -> 1 white;
 * `viridis`: perceptually uniform sequential; `diverging`: blue (low) - white - red (high),
 * ColorBrewer RdBu, for signed values such as perturbations and weight changes.
 */
export const colorMaps = {
  ink: interpolateStops(['#ffffff', '#000000']),
  gray: interpolateStops(['#000000', '#ffffff']),
  viridis: interpolateStops([
    '#440154', '#482878', '#3e4989', '#31688e', '#26828e',
    '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725',
  ]),
  diverging: interpolateStops([
    '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7',
    '#fddbc7', '#f4a582', '#d6604d', '#b2182b',
  ]),
} satisfies Record<string, ColorMap>;

export type ColorMapName = keyof typeof colorMaps;

export function resolveColorMap(map: ColorMapName | ColorMap): ColorMap {
  return typeof map === 'function' ? map : colorMaps[map];
}

export function rgbString([r, g, b]: RGB): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** Black or white, whichever reads better on `rgb` (WCAG relative luminance). */
export function contrastText(rgb: RGB): string {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#000000' : '#ffffff';
}
