/**
 * The network as the reader watches it relax: the clamped input digit, a column of hidden units and
 * the ten output units, each drawn as a bar whose length is its state s ∈ [0, 1]. In a nudged
 * phase a tick stays at the free equilibrium, so the gap the nudge opens is visible. At the update
 * the bars show each unit's Δs and the connections their ΔW (red: strengthen, blue: weaken) — the
 * only quantities the local rule needs. Connections are drawn without arrows: EqProp's are symmetric.
 */
import type { EqPropTrace } from '../../runs/eqprop';
import { colorMaps, seriesColor, textColor } from '../../../../viz';
import { createSvgRoot, frame, svgEl } from '../../../../viz/svg';
import { contrast, freeEquilibrium, positionAt, stateOf, unitChanges, weightChange } from './phases';
import { isFrench, localNumber, t } from '../../../../i18n/t';

export const PHASE_COLORS = { free: seriesColor(0), plus: seriesColor(1), minus: seriesColor(3) } as const;
/** The same phases' colours for text (legible on the background). */
export const PHASE_TEXT = { free: textColor(seriesColor(0)), plus: textColor(seriesColor(1)), minus: textColor(seriesColor(3)) } as const;
const GHOST = 'var(--fg, #1b1b1b)';
const TRACK = 'var(--border, #d9d9d9)';

export interface NetworkView {
  readonly element: SVGSVGElement;
  /** A new trace, showing these hidden units (indices into its hidden layer). */
  setTrace(trace: EqPropTrace, hidden: number[]): void;
  /** Draw scrubber position `pos`. */
  show(pos: number): void;
}

interface Layout {
  width: number;
  height: number;
  image: { x: number; y: number; size: number };
  hidden: { x: number; w: number; top: number; row: number };
  output: { x: number; w: number; top: number; row: number };
}

/** `k`: the text's scale (projector mode), `tall`: a height to fill instead of the usual one. */
function layout(width: number, count: number, k = 1, tall = 0): Layout {
  const narrow = width < 460;
  const top = Math.round(34 * k);
  const height = tall || (narrow ? 250 : 290);
  const inner = height - top - 8;
  const size = narrow ? 56 : 84;
  const hiddenX = narrow ? size + 40 : size + 70;
  const hiddenW = narrow ? 46 : 70;
  const outputW = narrow ? 56 : 96;
  const outputX = width - outputW - (narrow ? 58 : 76) * k;
  return {
    width,
    height,
    image: { x: 0, y: top + (inner - size) / 2, size },
    hidden: { x: hiddenX, w: hiddenW, top, row: inner / count },
    output: { x: outputX, w: outputW, top, row: inner / 10 },
  };
}

function rgb(v: number): string {
  const [r, g, b] = colorMaps.diverging(v);
  return `rgb(${r}, ${g}, ${b})`;
}

/** `font` and `height`: projector mode's text size and the height its box gives (0: the usual). */
export function networkView(width: number, hiddenCount: number, doc: Document = document, font = 11, height = 0): NetworkView {
  const k = font / 11;
  const L = layout(width, hiddenCount, k, height);
  const f = frame(L.width, L.height, { top: 0, right: 0, bottom: 0, left: 0 }, { top: 0, right: 0, bottom: 0, left: 0 }, font);
  const { svg, desc, plot } = createSvgRoot(doc, f, t('The network relaxing on one test digit'), 'lm-ep-network');
  const header = (x: number, text: string, anchor = 'start') => {
    svgEl(doc, 'text', { x, y: Math.round(14 * k), 'text-anchor': anchor, fill: 'currentColor', 'font-weight': 600 }, plot).textContent = text;
  };
  const narrow = L.width < 460;
  header(0, narrow ? t('input') : t('input (clamped)'));
  const hiddenHeader = svgEl(doc, 'text', { x: L.hidden.x, y: Math.round(14 * k), fill: 'currentColor', 'font-weight': 600 }, plot);
  header(L.output.x, t('output'));
  const hiddenNote = svgEl(doc, 'text', { x: L.hidden.x, y: Math.round(27 * k), fill: 'var(--muted, #5f5f5f)', 'font-size': k > 1 ? font : 10 }, plot);
  const edgesIn = svgEl(doc, 'g', { class: 'edges-in' }, plot);
  const edgesOut = svgEl(doc, 'g', { class: 'edges-out' }, plot);
  const image = svgEl(doc, 'image', { x: L.image.x, y: L.image.y, width: L.image.size, height: L.image.size, preserveAspectRatio: 'none', style: 'image-rendering: pixelated' }, plot);
  svgEl(doc, 'rect', { x: L.image.x, y: L.image.y, width: L.image.size, height: L.image.size, fill: 'none', stroke: TRACK }, plot);
  const units = svgEl(doc, 'g', { class: 'units' }, plot);

  interface Bar { track: SVGRectElement; bar: SVGRectElement; ghost: SVGLineElement; y: number; h: number; x: number; w: number }
  const makeBar = (x: number, w: number, y: number, h: number): Bar => ({
    track: svgEl(doc, 'rect', { x, y, width: w, height: h, fill: 'var(--bg, #fff)', stroke: TRACK }, units),
    bar: svgEl(doc, 'rect', { x, y, width: 0, height: h, fill: PHASE_COLORS.free }, units),
    ghost: svgEl(doc, 'line', { x1: x, x2: x, y1: y - 2, y2: y + h + 2, stroke: GHOST, 'stroke-width': 2, visibility: 'hidden' }, units),
    x, w, y, h,
  });
  const hiddenBars: Bar[] = [];
  for (let i = 0; i < hiddenCount; i++) {
    const h = Math.max(3, L.hidden.row * 0.62);
    hiddenBars.push(makeBar(L.hidden.x, L.hidden.w, L.hidden.top + i * L.hidden.row + (L.hidden.row - h) / 2, h));
  }
  const outputBars: Bar[] = [];
  const outputLabels: SVGTextElement[] = [];
  for (let k = 0; k < 10; k++) {
    const h = L.output.row * 0.6;
    const y = L.output.top + k * L.output.row + (L.output.row - h) / 2;
    outputBars.push(makeBar(L.output.x, L.output.w, y, h));
    outputLabels.push(svgEl(doc, 'text', { x: L.output.x + L.output.w + 6, y: y + h / 2, dy: '0.35em', fill: 'currentColor' }, units));
  }
  const inLines: SVGLineElement[] = hiddenBars.map((b, i) =>
    svgEl(doc, 'line', {
      x1: L.image.x + L.image.size,
      y1: L.image.y + ((i + 0.5) / hiddenCount) * L.image.size,
      x2: b.x,
      y2: b.y + b.h / 2,
      stroke: TRACK,
    }, edgesIn),
  );
  const outLines: SVGLineElement[][] = hiddenBars.map((hb) =>
    outputBars.map((ob) => svgEl(doc, 'line', { x1: hb.x + hb.w, y1: hb.y + hb.h / 2, x2: ob.x, y2: ob.y + ob.h / 2, stroke: TRACK, 'stroke-opacity': 0.35 }, edgesOut)),
  );

  let trace: EqPropTrace | null = null;
  let hidden: number[] = [];

  const setBar = (b: Bar, value: number, color: string, ghost: number | null) => {
    const v = Math.max(0, Math.min(1, value));
    b.bar.setAttribute('x', String(b.x));
    b.bar.setAttribute('width', String(v * b.w));
    b.bar.setAttribute('fill', color);
    if (ghost === null) b.ghost.setAttribute('visibility', 'hidden');
    else {
      const gx = String(b.x + Math.max(0, Math.min(1, ghost)) * b.w);
      b.ghost.setAttribute('x1', gx);
      b.ghost.setAttribute('x2', gx);
      b.ghost.setAttribute('visibility', 'visible');
    }
  };
  /** A centred bar for a signed value in [−1, 1]. */
  const setSigned = (b: Bar, value: number) => {
    const v = Math.max(-1, Math.min(1, value));
    const mid = b.x + b.w / 2;
    b.bar.setAttribute('x', String(v >= 0 ? mid : mid + (v * b.w) / 2));
    b.bar.setAttribute('width', String((Math.abs(v) * b.w) / 2));
    b.bar.setAttribute('fill', rgb(0.5 + v / 2));
    b.ghost.setAttribute('x1', String(mid));
    b.ghost.setAttribute('x2', String(mid));
    b.ghost.setAttribute('visibility', 'visible');
  };

  return {
    element: svg,
    setTrace(next, picked) {
      trace = next;
      hidden = picked.slice(0, hiddenCount);
      hiddenHeader.textContent = narrow ? t('hidden {n}/{total}', { n: hidden.length, total: next.sizes[0] }) : t('hidden: {n} of {total}', { n: hidden.length, total: next.sizes[0] });
      hiddenNote.textContent = narrow ? t('most moved') : t('those the nudge moves most');
      const canvas = doc.createElement('canvas');
      canvas.width = 28;
      canvas.height = 28;
      const ctx = canvas.getContext('2d');
      if (ctx) {
        const data = ctx.createImageData(28, 28);
        next.image.forEach((v, i) => {
          const c = Math.round(255 * (1 - Math.max(0, Math.min(1, v))));
          data.data.set([c, c, c, 255], i * 4);
        });
        ctx.putImageData(data, 0, 0);
        image.setAttribute('href', canvas.toDataURL('image/png'));
      }
      outputLabels.forEach((text, k) => {
        text.textContent = k === next.label ? `${k} ← ${t('label')}` : String(k);
        if (narrow && k === next.label) text.textContent = `${k} ← y`;
        text.setAttribute('font-weight', k === next.label ? '700' : '400');
      });
      hiddenBars.forEach((b, i) => {
        const on = i < hidden.length;
        for (const el of [b.track, b.bar, b.ghost, inLines[i]]) el.style.display = on ? '' : 'none';
        outLines[i].forEach((l) => (l.style.display = on ? '' : 'none'));
      });
    },
    show(pos) {
      if (!trace) return;
      const at = positionAt(trace, pos);
      const H = trace.sizes[0];
      if (at.phase === 'update') {
        const ds = unitChanges(trace);
        const norm = (idx: number[]) => Math.max(1e-9, ...idx.map((j) => Math.abs(ds[j])));
        const mh = norm(hidden);
        const outs = Array.from({ length: 10 }, (_, k) => H + k);
        const mo = norm(outs);
        hidden.forEach((j, i) => {
          setSigned(hiddenBars[i], ds[j] / mh);
          inLines[i].setAttribute('stroke', rgb(0.5 + (0.5 * ds[j]) / mh));
        });
        outs.forEach((k, i) => setSigned(outputBars[i], ds[k] / mo));
        const dw = hidden.map((j) => outs.map((k) => weightChange(trace as EqPropTrace, j, k)));
        const mw = Math.max(1e-9, ...dw.flat().map(Math.abs));
        dw.forEach((row, i) =>
          row.forEach((w, k) => {
            const line = outLines[i][k];
            line.setAttribute('stroke', rgb(0.5 + (0.5 * w) / mw));
            line.setAttribute('stroke-opacity', String(0.15 + 0.85 * Math.abs(w / mw)));
            line.setAttribute('stroke-width', String(0.5 + 2 * Math.abs(w / mw)));
          }),
        );
        desc.textContent = contrast(trace).scale === 1 / trace.beta
          ? t('The update: unit changes and weight changes between the two phases (one-sided).')
          : t('The update: unit changes and weight changes between the two phases (symmetric).');
        return;
      }
      const s = stateOf(trace, at.phase, at.t);
      const ghost = at.phase === 'free' ? null : freeEquilibrium(trace);
      const color = PHASE_COLORS[at.phase];
      hidden.forEach((j, i) => {
        setBar(hiddenBars[i], s[j], color, ghost ? ghost[j] : null);
        inLines[i].setAttribute('stroke', TRACK);
      });
      for (let k = 0; k < 10; k++) setBar(outputBars[k], s[H + k], color, ghost ? ghost[H + k] : null);
      for (const row of outLines)
        for (const line of row) {
          line.setAttribute('stroke', TRACK);
          line.setAttribute('stroke-opacity', '0.35');
          line.setAttribute('stroke-width', '1');
        }
      const outs = Array.from({ length: 10 }, (_, k) => t('{unit}: {value}', { unit: k, value: localNumber(s[H + k].toFixed(2)) })).join(isFrench() ? ' ; ' : ', '); // French decimal commas: a comma cannot also separate the list
      const where = { t: at.t, steps: at.steps, outs };
      desc.textContent =
        at.phase === 'free'
          ? t('Free phase, iteration {t} of {steps}; outputs {outs}.', where)
          : at.phase === 'plus'
            ? t('Nudged phase +β, iteration {t} of {steps}; outputs {outs}.', where)
            : t('Nudged phase −β, iteration {t} of {steps}; outputs {outs}.', where);
    },
  };
}
