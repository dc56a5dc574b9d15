/**
 * <energy-ledger>: the energy of one inference of an MLP 784-(width × layers)-10 on an FP32 chip, an
 * INT8 chip and a binary crossbar, computing vs moving data (src/lib/hardware/energy.ts: counts ×
 * cited per-operation energies; the crossbar a range). Plain arithmetic on the page, no worker.
 *
 * Predict, then observe: the bars start hidden; Play grows them (≈ 1.2 s) and checks the reader's
 * predictions, Step (→) shows them at once, R hides them again. Width and layers apply live.
 */
import '../software.css';
import { energyLedger, formatRange, hiddenSizes, movementShare, networkCounts, type LedgerRow } from '../../../../lib/hardware/energy';
import { h } from '../../../../widgets/base/dom';
import { InteractiveWidget } from '../../../../widgets/base/interactive';
import { chartFont } from '../../../../widgets/base/panels';
import { PredictionBox, type PredictQuestion, type Verdict } from '../../../../widgets/base/predict';
import type { Setting, SettingValue } from '../../../../settings/schema';
import { energyLedgerSchema } from './schema';
import { ledgerSvg, type LedgerFrame } from './view';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz';

const GROW_MS = 1200;

export const LEDGER_QUESTIONS: readonly PredictQuestion[] = [
  {
    id: 'movement',
    prompt: 'On the FP32 chip, what share of one inference’s energy goes to moving data rather than computing?',
    options: [
      { value: 'tenth', label: 'About a tenth' },
      { value: 'half', label: 'About half' },
      { value: 'most', label: 'Over 90%' },
    ],
  },
  {
    id: 'ratio',
    prompt: 'How much less energy does the binary crossbar need than the FP32 chip?',
    options: [
      { value: 'few', label: 'A few times less' },
      { value: 'tens', label: 'Tens of times less' },
      { value: 'thousand', label: 'Hundreds to thousands of times less' },
    ],
  },
];

const pct = (x: number) => formatPercent(Math.round(100 * x) / 100, 0);
const range = (r: Parameters<typeof formatRange>[0]) => localNumber(formatRange(r));

/** What the ledger of `rows` answers to the two questions. */
export function ledgerVerdicts(rows: readonly LedgerRow[]): Record<string, Verdict> {
  const [fp32, , xbar] = rows;
  const share = movementShare(fp32).low;
  const ratio = fp32.total.low / xbar.total.high;
  const shown = groupNumber(Number(ratio.toPrecision(1)));
  return {
    movement: { answer: share < 0.25 ? 'tenth' : share < 0.75 ? 'half' : 'most', text: t('Moving the weights from DRAM takes {share}: one 32-bit read costs as much as about 140 multiply-adds.', { share: pct(share) }) },
    ratio: { answer: ratio < 10 ? 'few' : ratio < 100 ? 'tens' : 'thousand', text: t('At least about {ratio} times less here: the crossbar never moves its weights.', { ratio: shown }) },
  };
}

export class EnergyLedgerElement extends InteractiveWidget<typeof energyLedgerSchema> {
  protected readonly schema = energyLedgerSchema;
  private predictions!: PredictionBox;
  private figure!: HTMLElement;
  private text!: HTMLElement;
  private reveal = 0;
  private growFrom = 0;
  private growStart = 0;

  protected mountStage(stage: HTMLElement): void {
    this.predictions = new PredictionBox('Predict, then press play', LEDGER_QUESTIONS, 'Play shows the ledger and checks your predictions.', 'Predict the energy ledger, then press play');
    this.figure = h('div', { class: 'xb-ledger', attrs: { 'data-testid': 'ledger-figure' } });
    this.text = h('p', { class: 'xb-text', attrs: { 'data-testid': 'ledger-text' } });
    stage.append(this.predictions.element, this.figure, this.text);
    // Projector mode on or off: the ledger again at the screen's pixels (or the page's scaled drawing).
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        if (this.frameKey() !== this.drawnKey) this.draw();
      }).observe(this.figure);
    }
  }

  private drawnKey = '';

  /** In projector mode the ledger's width and font in screen pixels; null on the page. */
  private ledgerFrame(): LedgerFrame | null {
    if (!this.figure.closest('.lm-projector')) return null;
    const width = Math.floor(this.figure.clientWidth);
    return width > 100 ? { width, font: chartFont(this.figure) } : null;
  }

  private frameKey(): string {
    const f = this.ledgerFrame();
    return f ? `${f.width}|${f.font}` : '';
  }

  protected async load(): Promise<void> {
    // Arithmetic on the page: no engine to name.
    this.badge.element.hidden = true;
    this.badge.element.style.display = 'none';
    this.draw();
  }

  protected async unload(): Promise<void> {}

  protected async playFrame(): Promise<boolean> {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (this.reveal >= 1) this.reveal = 0;
    if (this.growStart === 0) [this.growStart, this.growFrom] = [performance.now(), this.reveal];
    this.reveal = Math.min(1, this.growFrom + (performance.now() - this.growStart) / GROW_MS);
    this.draw();
    if (this.reveal < 1) return true;
    this.growStart = 0;
    return false;
  }

  protected statusText(): string {
    return this.reveal >= 1 ? `MLP ${this.sizes().join('-')}` : this.playing ? t('Adding up the ledger…') : t('Predict, then press play');
  }

  step(): void {
    if (!this.ready || this.playing) return;
    this.reveal = 1;
    this.draw();
    this.markFinished(true);
  }

  reset(): void {
    if (!this.ready) return;
    this.setPlaying(false);
    this.reveal = 0;
    this.growStart = 0;
    this.predictions.hide();
    this.markFinished(false);
    this.draw();
  }

  protected settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    void [key, value, setting, committed];
    if (changed) this.draw();
  }

  protected seedChanged(): void {}

  protected stateReplaced(): void {
    this.draw();
  }

  protected override exportFigure(): SVGSVGElement | null {
    return this.figure.querySelector('svg');
  }

  private sizes(): number[] {
    return hiddenSizes(Math.round(Number(this.settings.width)), Math.round(Number(this.settings.layers)));
  }

  private draw(): void {
    if (!this.figure) return;
    const sizes = this.sizes();
    const rows = energyLedger(sizes);
    const frame = this.ledgerFrame();
    this.drawnKey = this.frameKey();
    this.figure.replaceChildren(ledgerSvg(rows, sizes, this.reveal, frame ?? undefined));
    this.dataset.reveal = String(this.reveal);
    const [fp32, int8, xbar] = rows;
    const c = networkCounts(sizes);
    const text =
      this.reveal >= 1
        ? t(
            'MLP {sizes}: {macs} multiply-accumulates. FP32: {fp32} in all, {fp32compute} of it computing and {share} moving data. INT8: {int8}. Binary crossbar: {xbar}, of which computing {xbarcompute}; its weights never move, and the image it reads from memory costs {xbarread}.',
            {
              sizes: sizes.join('-'),
              macs: groupNumber(c.macs),
              fp32: range(fp32.total),
              fp32compute: range(fp32.compute),
              share: pct(movementShare(fp32).low),
              int8: range(int8.total),
              xbar: range(xbar.total),
              xbarcompute: range(xbar.compute),
              xbarread: range(xbar.activations),
            },
          )
        : t('MLP {sizes}: {macs} multiply-accumulates per inference. The ledger is hidden until you press play.', { sizes: sizes.join('-'), macs: groupNumber(c.macs) });
    this.text.textContent = text;
    if (this.reveal >= 1) this.predictions.reveal(ledgerVerdicts(rows), t('Change the width and the layers: the ledger follows.'));
    this.summary.update(text);
    this.refreshStatus();
  }
}

if (!customElements.get(energyLedgerSchema.tag)) customElements.define(energyLedgerSchema.tag, EnergyLedgerElement);
