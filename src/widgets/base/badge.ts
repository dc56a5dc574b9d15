/**
 * The backend badge: which tfjs backend trains this figure, and how fast ("WASM · CPU · 120
 * steps/s"), with the reasons in its tooltip. When a backend forced with ?backend= could not be
 * used, a visible notice says so.
 */
import { backendLabel, displayName, type BackendInfo } from '../../runtime/backend-choice';
import { h } from './dom';

export class BackendBadge {
  readonly element: HTMLElement;
  private readonly pill: HTMLElement;
  private readonly notice: HTMLElement;
  private label = 'starting…';
  private speed = '';

  constructor() {
    this.pill = h('span', { class: 'lm-badge', attrs: { 'data-testid': 'badge' } });
    this.notice = h('span', { class: 'lm-notice', attrs: { role: 'status', hidden: true, 'data-testid': 'backend-notice' } });
    this.element = h('span', { class: 'lm-backend' }, [this.notice, this.pill]);
    this.render();
  }

  setBackend(info: BackendInfo | null): void {
    this.label = info ? backendLabel(info) : 'no engine';
    if (info) {
      this.pill.dataset.backend = info.name;
      const details = [info.device, info.reason].filter(Boolean).join(' — ');
      this.pill.title = details ? `Training engine: ${details}` : 'Training engine';
    } else {
      delete this.pill.dataset.backend;
    }
    const fallback = info?.fallbackFrom;
    this.setNotice(fallback && info ? `${displayName(fallback)} is not available here; training on ${displayName(info.name)}.` : null);
    this.render();
  }

  /** A visible one-line notice beside the badge (null clears it). */
  setNotice(text: string | null): void {
    this.notice.hidden = !text;
    this.notice.textContent = text ?? '';
  }

  /** Steps per second of the latest chunk; null hides it (paused). */
  setSpeed(stepsPerSec: number | null): void {
    this.speed = stepsPerSec && Number.isFinite(stepsPerSec) ? `${Math.round(stepsPerSec).toLocaleString('en-US')} steps/s` : '';
    this.render();
  }

  private render(): void {
    const text = this.speed ? `${this.label} · ${this.speed}` : this.label;
    if (this.pill.textContent !== text) this.pill.textContent = text;
  }
}
