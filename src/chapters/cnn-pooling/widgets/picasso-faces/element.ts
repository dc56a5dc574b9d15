/**
 * <picasso-faces>: Hinton's objection to pooling, made visible. A drawn face's parts move in straight
 * lines to a scrambled arrangement (t from 0 to 1) in front of five networks trained on faces vs
 * non-faces; each one's P(face) is shown at t and along the whole move. Below, a test digit with its
 * quadrants swapped, and the tally over held-out images (runs/picasso.ts, measured a batch at a time).
 * The run sends the face and every net's P(face) at 21 values of t, so the slider is answered on the
 * page, in the same frame. Play moves the parts from the face to its twin; with "retrain here" it
 * first trains the ten nets (figure.ts).
 */
import './picasso.css';
import type { PicassoMetrics } from '../../runs/picasso';
import { picassoKind } from '../../kinds';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz';
import { PoolingFigure } from '../figure';
import { netStyle } from '../nets-style';
import { picassoConfig, tIndex } from './config';
import { picassoSchema } from './schema';
import { PicassoView } from './view';

type Config = ReturnType<typeof picassoConfig>;

export class PicassoElement extends PoolingFigure<Config, PicassoMetrics, typeof picassoSchema> {
  protected readonly schema = picassoSchema;
  protected readonly kind = picassoKind;
  protected override animationFrameMs = 160;
  private view!: PicassoView;

  protected mountStage(stage: HTMLElement): void {
    this.view = new PicassoView();
    stage.append(this.view.element);
    const control = this.querySelector<HTMLElement>(`.lm-control[data-key='t']`);
    if (control) this.view.controlSlot.append(control);
    this.view.placeholder();
  }

  protected makeConfig(): Config {
    return picassoConfig(this.settings, this.seed, this.modelsUrl());
  }

  protected loadingText(): string {
    return this.retraining ? t('Drawing faces, loading digits and building ten fresh networks…') : t('Drawing the faces and loading the ten trained networks…');
  }

  protected show(m: PicassoMetrics): void {
    this.view.render(m, this.settings.t);
    this.mark(m);
  }

  private mark(m: PicassoMetrics): void {
    const k = tIndex(this.settings.t);
    this.dataset.faces = m.face.pFace.map((p) => (p[k] > 0.5 ? '1' : '0')).join('');
    this.dataset.t = this.settings.t.toFixed(2);
  }

  protected redraw(): void {
    const t0 = performance.now();
    this.view.retime(this.settings.t);
    if (this.latest) this.mark(this.latest);
    this.dataset.answerMs = (performance.now() - t0).toFixed(2);
    this.summary.update(this.summarize());
  }

  protected animateStep(): boolean {
    const next = this.settings.t >= 1 ? 0 : Math.min(1, Math.round(20 * this.settings.t + 1) / 20);
    this.setSetting('t', next);
    this.redraw();
    return next < 1;
  }

  protected rewind(): void {
    this.setSetting('t', 0);
    this.redraw();
    this.markFinished(false);
  }

  protected animationText(): string {
    return t('parts moved {t}', { t: localNumber(this.settings.t.toFixed(2)) });
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
  }

  protected override exportFigure(): SVGSVGElement | null {
    return this.view.svg();
  }

  protected summarize(): string {
    const m = this.latest;
    if (!m) return '';
    const k = tIndex(this.settings.t);
    const percent = (p: number) => formatPercent(Math.round(100 * p) / 100, 0);
    const p = m.nets.map((id, j) => `${netStyle(id).short} ${percent(m.face.pFace[j][k])}`).join(', ');
    const tl = m.tally;
    const scrambled = m.nets.map((id, j) => `${netStyle(id).short} ${percent(tl.scrambledAsFace[j])}`).join(', ');
    const tally = tl.faces > 0 ? ' ' + t('Scrambled faces called “face” ({n} so far): {nets}.', { n: groupNumber(tl.faces), nets: scrambled }) : '';
    return t('Face {face}, parts moved {t} of the way to its scrambled twin: P(face) {p}.', { face: m.face.index + 1, t: localNumber(this.settings.t.toFixed(2)), p }) + tally;
  }
}

if (!customElements.get(picassoSchema.tag)) customElements.define(picassoSchema.tag, PicassoElement);
