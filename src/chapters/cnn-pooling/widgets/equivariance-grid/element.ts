/**
 * <equivariance-grid>: where a CNN loses track of a shift. For the max-pool, MaxBlurPool and
 * global-average CNNs, the equivariance error of every layer at every shift 0 … 6 px, measured on
 * held-out digits in the worker a batch at a time (runs/equivariance.ts), as three heat maps; and a
 * close-up of one digit's map at one layer and shift, picked by a click on a cell. Play sweeps the
 * close-up's shift from 0 to 6 px; with "retrain here" it first trains the three nets (figure.ts).
 */
import './equivariance.css';
import type { EquivarianceMetrics } from '../../runs/equivariance';
import { equivarianceKind } from '../../kinds';
import { composeRow } from '../compose';
import { PoolingFigure } from '../figure';
import { localNumber, t } from '../../../../i18n/t';
import { equivarianceConfig, GRID_NETS, layerName } from './config';
import { equivarianceSchema } from './schema';
import { EquivarianceView } from './view';

type Config = ReturnType<typeof equivarianceConfig>;

export class EquivarianceElement extends PoolingFigure<Config, EquivarianceMetrics, typeof equivarianceSchema> {
  protected readonly schema = equivarianceSchema;
  protected readonly kind = equivarianceKind;
  protected override animationFrameMs = 700;
  private view!: EquivarianceView;

  protected mountStage(stage: HTMLElement): void {
    this.view = new EquivarianceView({
      onPick: (net, layer, shift) => {
        this.setSetting('net', GRID_NETS[net]);
        this.setSetting('layer', layer + 1);
        this.setSetting('shift', shift);
        this.sendChanges();
      },
    });
    stage.append(this.view.element);
    this.view.placeholder();
  }

  protected makeConfig(): Config {
    return equivarianceConfig(this.settings, this.seed, this.modelsUrl());
  }

  protected loadingText(): string {
    return this.retraining ? t('Loading the training digits and building three fresh networks…') : t('Loading the three trained networks…');
  }

  protected show(m: EquivarianceMetrics): void {
    this.view.render(m);
    this.dataset.done = String(m.done);
  }

  protected redraw(): void {
    if (this.latest) this.show(this.latest);
  }

  protected animateStep(): boolean {
    const next = this.settings.shift >= 6 ? 0 : this.settings.shift + 1;
    this.setSetting('shift', next);
    this.sendChanges();
    return next < 6;
  }

  protected rewind(): void {
    this.setSetting('shift', 1);
    this.sendChanges();
    this.markFinished(false);
  }

  protected animationText(): string {
    return t('close-up at {shift} px', { shift: this.settings.shift });
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return composeRow(this.view.svgs(), this.schema.title, { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  protected summarize(): string {
    const m = this.latest;
    if (!m) return '';
    const parts = m.grids.map((g, k) => {
      // A grid not measured yet (its rows still empty, e.g. the first answer after a load) reads '–'.
      const row = (name: string) => g.error[g.layers.indexOf(name)];
      const at = (r: readonly number[] | undefined, shift: number) => (r && Number.isFinite(r[shift]) ? localNumber(r[shift].toFixed(2)) : '–');
      const pool = row('pool 1');
      const out = row('output');
      const net = t(m.labels[k]);
      return pool
        ? t('{net}: pool 1 at 1 px {pool1}, at 2 px {pool2}; output at 1 px {out1}, at 6 px {out6}', { net, pool1: at(pool, 1), pool2: at(pool, 2), out1: at(out, 1), out6: at(out, 6) })
        : t('{net}: output at 1 px {out1}, at 6 px {out6}', { net, out1: at(out, 1), out6: at(out, 6) });
    });
    const d = m.detail;
    const detail = d ? ` ${t('Close-up: {net}, {layer}, {shift} px, E {error} for test digit {digit}.', { net: t(m.labels[d.net]), layer: layerName(d.label), shift: d.shift, error: localNumber(d.error.toFixed(2)), digit: d.digit })}` : '';
    return t('Equivariance error on {done} of {images} test digits. {parts}.', { done: m.done, images: m.images, parts: parts.join('. ') }) + detail;
  }
}

if (!customElements.get(equivarianceSchema.tag)) customElements.define(equivarianceSchema.tag, EquivarianceElement);
