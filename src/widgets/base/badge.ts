/**
 * The backend badge: which engine trains this figure, and how fast ("WASM SIMD · CPU · 480 steps/s"),
 * with the reasons in its tooltip. Until a run reports its engine (src/runtime/engine: the fastest
 * measured for its model here) it names the worker's tfjs backend ("WASM · CPU"). When a backend
 * forced with ?backend= could not be used, or runs on a software renderer (slow), a visible notice says so.
 * The reasons come from the worker, which has no catalogue: as data (the backends passed over, the
 * engine's measurements), said here again in the page's language.
 */
import { backendLabel, backendReason, displayName, type BackendInfo } from '../../runtime/backend-choice';
import type { TrainerClient } from '../../runtime/client';
import type { EngineReport } from '../../runtime/engine-choice';
import { engineLabel, engineWhyText } from '../../runtime/engine-choice/words';
import { h } from './dom';
import { groupNumber, t } from '../../i18n/t';

/** The forced backend runs on a software rasteriser: say so, and that it is slow (often 1000× slower than WASM here). */
export function softwareWarning(info: BackendInfo): string {
  const device = info.device ? ` (${info.device.length > 60 ? `${info.device.slice(0, 57)}…` : info.device})` : '';
  return t('{backend} here is a software renderer{device}: training will be very slow. Remove ?backend= from the address to use the fastest engine.', { backend: displayName(info.name), device });
}

export class BackendBadge {
  readonly element: HTMLElement;
  private readonly pill: HTMLElement;
  private readonly notice: HTMLElement;
  private label = t('starting…');
  private speed = '';
  private backend: BackendInfo | null = null;
  private engine: EngineReport | null = null;

  constructor() {
    this.pill = h('span', { class: 'lm-badge', attrs: { 'data-testid': 'badge' } });
    this.notice = h('span', { class: 'lm-notice', attrs: { role: 'status', hidden: true, 'data-testid': 'backend-notice' } });
    this.element = h('span', { class: 'lm-backend' }, [this.notice, this.pill]);
    this.render();
  }

  /**
   * Name the trainer's backend now and again when the worker first chooses one: the worker downloads a
   * tfjs backend only for the first run that needs tensors, so at start-up there may be none yet.
   */
  follow(trainer: TrainerClient): void {
    this.setBackend(trainer.backend);
    trainer.events.addEventListener('backend-chosen', () => this.setBackend(trainer.backend));
  }

  setBackend(info: BackendInfo | null): void {
    // A different backend (e.g. after a lost GPU context) means the runs, and their engines, start
    // over; the first choice (none → one) keeps the engine a run may already have reported.
    if (this.backend && info?.name !== this.backend.name) {
      this.engine = null;
      delete this.pill.dataset.engine;
    }
    this.backend = info;
    this.describe();
    if (info) this.pill.dataset.backend = info.name;
    else delete this.pill.dataset.backend;
    const fallback = info?.fallbackFrom;
    if (fallback && info) this.setNotice(t('{fallback} is not available here; training on {backend}.', { fallback: displayName(fallback), backend: displayName(info.name) }));
    else if (info?.software) this.setNotice(softwareWarning(info));
    else this.setNotice(null);
    this.pill.classList.toggle('lm-badge-warn', Boolean(info?.software));
    this.render();
  }

  /** The engine a run trains on (null: back to naming the backend). */
  setEngine(engine: EngineReport | null): void {
    if (engine?.name === this.engine?.name && engine?.reason === this.engine?.reason) return;
    this.engine = engine;
    if (engine) this.pill.dataset.engine = engine.name;
    else delete this.pill.dataset.engine;
    this.describe();
    this.render();
  }

  /** A visible one-line notice beside the badge (null clears it). */
  setNotice(text: string | null): void {
    this.notice.hidden = !text;
    this.notice.textContent = text ?? '';
  }

  /** Steps per second of the latest chunk; null hides it (paused). */
  setSpeed(stepsPerSec: number | null): void {
    this.speed = stepsPerSec && Number.isFinite(stepsPerSec) ? t('{n} steps/s', { n: groupNumber(Math.round(stepsPerSec)) }) : '';
    this.render();
  }

  private describe(): void {
    const info = this.backend;
    const engine = this.engine;
    const label = engine ? engineLabel(engine.name) : '';
    if (engine && info && !info.forced) this.label = `${label} · ${engine.onGpu ? 'GPU' : 'CPU'}`;
    else this.label = info ? backendLabel(info) : t('no engine');
    const reason = engine ? (engine.why ? engineWhyText(engine.why, engine.cached) : engine.reason) : '';
    const details = [engine ? t('{engine}: {reason}', { engine: label, reason }) : '', info?.device, info && backendReason(info)].filter(Boolean).join(' — ');
    this.pill.title = details ? t('Training engine: {details}', { details }) : t('Training engine');
  }

  private render(): void {
    const text = this.speed ? `${this.label} · ${this.speed}` : this.label;
    if (this.pill.textContent !== text) this.pill.textContent = text;
  }
}
