/** Big live numbers beside a chart ("Train accuracy 98.0%"), each with a stable test id. */
import { textColor } from '../../viz/palette';
import { h } from './dom';
import { t } from '../../i18n/t';

export interface StatOptions {
  key: string;
  label: string;
  /** CSS colour of the value: the matching series colour, so the number doubles as a legend. */
  color?: string;
  testId?: string;
  /** Smaller, secondary number. */
  minor?: boolean;
}

export interface Stats {
  element: HTMLElement;
  set(key: string, text: string): void;
}

export function buildStats(items: StatOptions[]): Stats {
  const values = new Map<string, HTMLElement>();
  const element = h('dl', { class: 'lm-stats' });
  for (const item of items) {
    const value = h('dd', { class: 'lm-stat-value', text: '–', attrs: { 'data-testid': item.testId ?? null } });
    if (item.color) value.style.color = textColor(item.color);
    values.set(item.key, value);
    element.append(h('div', { class: `lm-stat${item.minor ? ' lm-stat-minor' : ''}` }, [h('dt', { class: 'lm-stat-label', text: t(item.label) }), value]));
  }
  return {
    element,
    set(key, text) {
      const value = values.get(key);
      if (value && value.textContent !== text) value.textContent = text;
    },
  };
}
