/**
 * The chip figure's drawing: a window of the first layer's crossbar as a grid of 2T2R pairs (rows: word
 * lines, one pixel each, shaded by the digit's voltage; columns: neurons, each a BL and a BLbar device
 * shaded by conductance, stuck devices outlined), the weight each pair reads, the bit-line currents
 * for the digit shown and each neuron's output; beside it the digit, what the chip reads, and counters.
 * Devices are buttons: click or Enter cycles working → stuck at LRS → stuck at HRS → working.
 */
import type { ChipMetrics } from '../../runs/chip';
import { h } from '../../../../widgets/base/dom';
import { formatPercent } from '../../../../viz';
import { describeData, type DataTable } from '../../../../viz/dataTable';
import { NOMINAL_DEVICES } from '../../../../lib/hardware/crossbar';
import { FIRST_LAYER_WIDTH, WINDOW_COLS, WINDOW_ROWS } from '../../runs/chip-window';
import { localNumber, t } from '../../../../i18n/t';

export type DeviceClick = (index: number, side: 'bl' | 'blbar') => void;

const STUCK = ['', 'stuck at LRS', 'stuck at HRS'] as const;
const sign = (v: number) => (v > 0 ? '+1' : v < 0 ? '−1' : '0');

/** Shade for ln R: LRS (conducting) dark, HRS light. */
function shade(logR: number): string {
  const f = Math.min(1, Math.max(0, (logR - NOMINAL_DEVICES.lowMean) / (NOMINAL_DEVICES.highMean - NOMINAL_DEVICES.lowMean)));
  const l = Math.round(28 + 62 * f);
  return `hsl(210 70% ${l}%)`;
}

export class ChipView {
  readonly element: HTMLElement;
  private readonly grid = h('div', { class: 'xb-grid', attrs: { role: 'group', 'aria-label': t('Crossbar window: 12 word lines by 8 device pairs') } });
  private readonly canvas = h('canvas', { attrs: { width: 28, height: 28, 'aria-hidden': 'true' } });
  private readonly stats = {
    accuracy: h('dd', { text: '–', attrs: { 'data-testid': 'chip-accuracy' } }),
    reads: h('dd', { text: '–', attrs: { 'data-testid': 'chip-reads' } }),
    ber: h('dd', { text: '–', attrs: { 'data-testid': 'chip-ber' } }),
    digit: h('dd', { text: '–', attrs: { 'data-testid': 'chip-digit' } }),
  };
  private buttons: HTMLButtonElement[] = [];
  private last: ChipMetrics | null = null;

  constructor(private readonly onDevice: DeviceClick) {
    const stat = (key: keyof ChipView['stats'], label: string) => h('div', { class: 'xb-stat' }, [h('dt', { text: t(label) }), this.stats[key]]);
    const side = h('div', { class: 'xb-side' }, [h('p', { class: 'xb-sub', text: t('Digit read') }), this.canvas]);
    this.element = h('div', { class: 'xb-figure' }, [
      h('dl', { class: 'xb-stats' }, [stat('accuracy', 'Test accuracy'), stat('digit', 'Digit shown → read as'), stat('ber', 'Model BER for σ'), stat('reads', 'Weights read wrong / zero')]),
      h('div', { class: 'xb-chip' }, [h('div', { class: 'xb-chip-grid' }, [this.grid]), side]),
    ]);
    // Built before any data, so the figure has its final size while it loads.
    this.build();
    describeData(this.element, () => (this.last ? chipTables(this.last) : []));
  }

  draw(m: ChipMetrics): void {
    this.last = m;
    const w = m.window;
    w.index.forEach((k, i) => {
      for (const [j, side] of [[0, 'bl'], [1, 'blbar']] as const) {
        const b = this.buttons[2 * i + j];
        const logR = side === 'bl' ? w.logBL[i] : w.logBLbar[i];
        const stuck = side === 'bl' ? w.stuckBL[i] : w.stuckBLbar[i];
        b.style.background = shade(logR);
        b.classList.toggle('is-stuck', stuck > 0);
        b.dataset.stuck = String(stuck);
        const row = Math.floor(i / w.cols.length);
        const label = t('{side} device of pixel {pixel}, neuron {neuron}: {r} kΩ{stuck}. Press to {next}.', {
          side: side === 'bl' ? 'BL' : 'BLbar',
          pixel: w.rows[row],
          neuron: w.cols[i % w.cols.length] + 1,
          r: localNumber((Math.exp(logR) / 1000).toFixed(1)),
          stuck: stuck ? `, ${t(STUCK[stuck])}` : '',
          next: stuck === 0 ? t('stick it at LRS') : stuck === 1 ? t('stick it at HRS') : t('repair it'),
        });
        b.setAttribute('aria-label', label);
        b.title = label;
        void k;
      }
      const mark = this.grid.querySelector<HTMLElement>(`[data-read="${i}"]`);
      if (mark) {
        mark.textContent = sign(w.read[i]);
        mark.classList.toggle('is-wrong', w.read[i] !== 0 && w.read[i] !== w.written[i]);
        mark.classList.toggle('is-zero', w.read[i] === 0);
      }
    });
    w.voltages.forEach((v, r) => {
      const cell = this.grid.querySelector<HTMLElement>(`[data-row="${r}"]`);
      if (!cell) return;
      // The word line's shade is its input voltage; its label stays legible on it (≥ 4.5:1 either way).
      const lightness = Math.max(0, Math.min(100, Math.round(100 - 100 * (v / 0.2))));
      cell.style.background = `hsl(0 0% ${lightness}%)`;
      cell.style.color = lightness >= 47 ? '#000' : '#fff';
    });
    w.cols.forEach((_, c) => {
      const cell = this.grid.querySelector<HTMLElement>(`[data-out="${c}"]`);
      if (cell) {
        const mA = (x: number) => localNumber((x / 1000).toFixed(2));
        cell.replaceChildren(h('span', { text: mA(w.iBL[c]) }), h('span', { text: mA(w.iBLbar[c]) }), h('strong', { text: sign(w.output[c]) }));
        cell.title = t('Neuron {n}: I_BL = {bl} mA, I_BLbar = {blbar} mA over all 784 word lines; output after batch norm {out}', { n: c + 1, bl: mA(w.iBL[c]), blbar: mA(w.iBLbar[c]), out: sign(w.output[c]) });
      }
    });
    this.stats.accuracy.textContent = formatPercent(m.accuracy);
    this.stats.reads.textContent = `${formatPercent(m.wrong, 2)} / ${formatPercent(m.zeros)}`;
    this.stats.ber.textContent = m.modelBer < 1e-6 ? '< 10⁻⁶' : m.modelBer < 0.01 ? localNumber(m.modelBer.toExponential(1)) : formatPercent(m.modelBer);
    this.stats.digit.textContent = `${m.digit.label} → ${m.digit.prediction}`;
    this.stats.digit.classList.toggle('is-wrong', m.digit.label !== m.digit.prediction);
    this.paintDigit(m.digit.pixels);
  }

  private build(): void {
    const w = { rows: WINDOW_ROWS, cols: WINDOW_COLS, index: WINDOW_ROWS.flatMap((r) => WINDOW_COLS.map((c) => r * FIRST_LAYER_WIDTH + c)) };
    this.grid.style.gridTemplateColumns = `2.2rem repeat(${w.cols.length}, minmax(0, 1fr))`;
    const cells: HTMLElement[] = [h('span', { class: 'xb-corner', text: t('pixel') })];
    w.cols.forEach((c) => cells.push(h('span', { class: 'xb-colhead', text: `n${c + 1}` })));
    w.rows.forEach((p, r) => {
      cells.push(h('span', { class: 'xb-rowhead', text: String(p % 28), attrs: { 'data-row': String(r), title: t('word line of pixel {p} (row 14, column {column})', { p, column: p % 28 }) } }));
      w.cols.forEach((_, c) => {
        const i = r * w.cols.length + c;
        const pair = (['bl', 'blbar'] as const).map((side) => {
          const b = h('button', { class: 'xb-device', attrs: { type: 'button', 'data-testid': `device-${i}-${side}` } });
          b.addEventListener('click', () => this.onDevice(w.index[i], side));
          b.addEventListener('keydown', (event) => {
            if (event.key === ' ' || event.key === 'Enter') event.stopPropagation();
          });
          this.buttons.push(b);
          return b;
        });
        cells.push(h('span', { class: 'xb-pair' }, [...pair, h('span', { class: 'xb-read', text: '\u00a0', attrs: { 'data-read': String(i) } })]));
      });
    });
    cells.push(h('span', { class: 'xb-corner', text: t('mA BL BL̄ out') }));
    w.cols.forEach((_, c) => cells.push(h('span', { class: 'xb-out', attrs: { 'data-out': String(c) } }, [h('span', { text: '–' }), h('span', { text: '–' }), h('strong', { text: '–' })])));
    this.grid.replaceChildren(...cells);
  }

  private paintDigit(pixels: Uint8Array): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(28, 28);
    pixels.forEach((v, k) => {
      const g = 255 - v;
      image.data.set([g, g, g, 255], 4 * k);
    });
    ctx.putImageData(image, 0, 0);
    ctx.fillStyle = 'rgba(213, 94, 0, 0.45)';
    ctx.fillRect(8, 14, 12, 1);
  }
}

/**
 * The chip's numbers (issue 17): its read-out, then the window's device pairs (resistances, weight
 * written and read, stuck codes) and each shown neuron's bit-line currents and output.
 */
export function chipTables(m: ChipMetrics): DataTable[] {
  const w = m.window;
  const kOhm = (logR: number) => Math.exp(logR) / 1000;
  const stuck = (code: number) => (code ? t(STUCK[code]) : t('working'));
  return [
    {
      title: t('Chip read-out'),
      columns: [t('quantity'), t('value')],
      rows: [
        [t('test accuracy (%)'), 100 * m.accuracy],
        [t('weights read wrong (%)'), 100 * m.wrong],
        [t('weights read as zero (%)'), 100 * m.zeros],
        [t('model BER for σ'), m.modelBer],
        [t('stuck devices'), m.stuckDevices],
        [t('digit shown'), m.digit.label],
        [t('read as'), m.digit.prediction],
      ],
    },
    {
      title: t('Crossbar window: 12 word lines by 8 device pairs'),
      columns: [t('pixel'), t('neuron'), t('BL (kΩ)'), t('BLbar (kΩ)'), t('BL device'), t('BLbar device'), t('weight written'), t('weight read'), t('word line (V)')],
      rows: w.index.map((_, i) => {
        const row = Math.floor(i / w.cols.length);
        return [w.rows[row], w.cols[i % w.cols.length] + 1, kOhm(w.logBL[i]), kOhm(w.logBLbar[i]), stuck(w.stuckBL[i]), stuck(w.stuckBLbar[i]), w.written[i], w.read[i], w.voltages[row]];
      }),
    },
    {
      title: t('Bit-line currents over all 784 word lines'),
      columns: [t('neuron'), t('I_BL (mA)'), t('I_BLbar (mA)'), t('output after batch norm')],
      rows: w.cols.map((c, j) => [c + 1, w.iBL[j] / 1000, w.iBLbar[j] / 1000, w.output[j]]),
    },
  ];
}
