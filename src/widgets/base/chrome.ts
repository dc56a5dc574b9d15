/**
 * The layout every widget shares, top to bottom: title (shown in projector mode, or when the
 * essay gives no caption), toolbar (transport, lecture scenes if any, status, export, projector), the scene's note, the stage with its
 * state overlay, the settings, a footer (keyboard hint, data table, backend badge), a caption, the live summary.
 */
import { h } from './dom';
import { t } from '../../i18n/t';

export interface ChromeParts {
  titleId: string;
  title: string;
  transport: HTMLElement;
  status: HTMLElement;
  exporter: HTMLElement;
  projector: HTMLElement;
  /** Projector mode's "Settings" button (the settings are folded away there). */
  settingsToggle: HTMLElement;
  /** The lecture scenes' controls and note (scenes.ts), if the page lists scenes for this widget. */
  scenes: { nav: HTMLElement; note: HTMLElement } | null;
  stage: HTMLElement;
  state: HTMLElement;
  controls: HTMLElement;
  seed: HTMLElement;
  badge: HTMLElement;
  /** The data-table button (export.ts), in the footer. */
  table: HTMLElement;
  summary: HTMLElement;
  caption: string | null;
}

export function buildChrome(p: ChromeParts): HTMLElement {
  return h('div', { class: 'lm-figure', attrs: { role: 'group', tabindex: -1, 'aria-labelledby': p.titleId } }, [
    h('p', { class: 'lm-title', text: p.title, attrs: { id: p.titleId } }),
    h('div', { class: 'lm-toolbar' }, [p.transport, ...(p.scenes ? [p.scenes.nav] : []), p.status, h('span', { class: 'lm-spacer' }), p.exporter, p.settingsToggle, p.projector]),
    ...(p.scenes ? [p.scenes.note] : []),
    h('div', { class: 'lm-stage-wrap' }, [p.stage, p.state]),
    h('div', { class: 'lm-settings' }, [p.controls, p.seed]),
    h('div', { class: 'lm-footer' }, [keysHint(), p.table, p.badge]),
    ...(p.caption ? [h('p', { class: 'lm-caption', text: p.caption })] : []),
    p.summary,
  ]);
}

function keysHint(): HTMLElement {
  const keys: [string, string][] = [[t('Space'), t('play/pause')], ['→', t('step')], ['R', t('reset')], ['F', t('projector')]];
  const hint = h('p', { class: 'lm-keys', attrs: { 'aria-hidden': 'true' } }, [t('Keys: ')]);
  keys.forEach(([key, what], i) => hint.append(h('kbd', { text: key }), ` ${what}${i < keys.length - 1 ? ' · ' : ''}`));
  return hint;
}
