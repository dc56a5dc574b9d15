/**
 * "What each layer likes": per layer, a row of its most discriminating units, each drawn as the
 * average real digit it fires for minus the average digit (diverging: red more ink, blue less),
 * over a strip of the ten labels (darker: more of its firing goes to digits of that label).
 */
import type { ForwardForwardUnit } from '../../runs/forward-forward';
import { digitCanvas, type DigitCanvas } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { localNumber, t as tr } from '../../../../i18n/t';

interface Tile {
  element: HTMLElement;
  image: DigitCanvas;
  strip: DigitCanvas;
  caption: HTMLElement;
}

interface Row {
  element: HTMLElement;
  grid: HTMLElement;
  tiles: Tile[];
}

export interface LikesView {
  readonly element: HTMLElement;
  update(layers: ForwardForwardUnit[][]): void;
  /** Empty tiles, `units` per layer, where the units will show: the figure keeps its height when they come. */
  reserve(layers: number, units: number): void;
  summary(): string;
}

const SCALE = 2;

function tile(): Tile {
  const image = digitCanvas({ label: 'unit', colorMap: 'diverging', scale: SCALE });
  const strip = digitCanvas({ label: tr('labels it fires for'), colorMap: 'ink', imageWidth: 10, imageHeight: 1, scale: (28 * SCALE) / 10, domain: [0, 1] });
  strip.element.classList.add('lm-ff-strip');
  const caption = h('figcaption', { class: 'lm-ff-tile-caption', attrs: { 'data-export-text': '' } });
  return { element: h('figure', { class: 'lm-ff-tile' }, [image.element, strip.element, caption]), image, strip, caption };
}

export function likesView(): LikesView {
  const rows: Row[] = [];
  const element = h('div', { class: 'lm-ff-likes-rows' });
  let said = '';

  function row(l: number): Row {
    if (rows[l]) return rows[l];
    const grid = h('div', { class: 'lm-ff-tiles' });
    const r: Row = { element: h('div', { class: 'lm-ff-row' }, [h('p', { class: 'lm-ff-row-label', text: tr('Layer {n}', { n: l + 1 }), attrs: { 'data-export-text': '' } }), grid]), grid, tiles: [] };
    element.append(r.element);
    return (rows[l] = r);
  }

  return {
    element,
    update(layers) {
      layers.forEach((units, l) => {
        const r = row(l);
        let m = 0;
        for (const u of units) for (let i = 0; i < u.image.length; i++) m = Math.max(m, Math.abs(u.image[i]));
        const domain: [number, number] = m > 0 ? [-m, m] : [-1, 1];
        units.forEach((u, i) => {
          const t = (r.tiles[i] ??= tile());
          if (!t.element.isConnected) r.grid.append(t.element);
          const name = tr('Layer {n}, unit {unit}: likes {liked}; goodness on real digits {real}, on fake {fake}', { n: l + 1, unit: u.unit, liked: u.liked, real: localNumber(u.positive.toFixed(2)), fake: localNumber(u.negative.toFixed(2)) });
          t.image.update(u.image, name, domain);
          t.strip.update(u.labels, tr('Unit {unit}: share of its firing per label, 0 to 9', { unit: u.unit }));
          t.caption.textContent = tr('likes {liked}', { liked: u.liked });
          t.element.title = name;
        });
        for (const extra of r.tiles.splice(units.length)) extra.element.remove();
      });
      for (const extra of rows.splice(layers.length)) extra.element.remove();
      said = layers.map((units, l) => tr('layer {n} units like {liked}', { n: l + 1, liked: units.map((u) => u.liked).join(', ') })).join('; ');
    },
    reserve(layers, units) {
      for (const r of rows.splice(0)) r.element.remove();
      said = '';
      for (let l = 0; l < layers; l++) {
        const r = row(l);
        for (let i = 0; i < units; i++) {
          const t = (r.tiles[i] = tile());
          t.caption.textContent = tr('likes {liked}', { liked: '–' });
          r.grid.append(t.element);
        }
      }
    },
    summary: () => said,
  };
}
