/**
 * Lecture scenes on the page: the presets the essay wrote below a widget (src/essay/scenes.ts: a
 * `<details class="lm-scenes" data-for="<id>">` list, each item's `data-scene` its attributes), read
 * back, and the controls that step through them: ◀ Scene 2 of 4 ▶ in the toolbar, and the scene's
 * note under it, shown large in projector mode. Page Down / Page Up (what a presentation clicker sends) step too (shell.ts).
 */
import { parseSeed, readSettings, type Settings, type WidgetSchema } from '../../settings/schema';
import { h } from './dom';
import { t } from '../../i18n/t';

export interface Scene {
  /** Attribute name → value, as on the widget's tag. */
  attrs: ReadonlyMap<string, string>;
  note: string;
}

/** `train-size=100 seed=1` → its pairs (values never contain spaces: the build checked them). */
function parsePairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const token of text.split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq > 0) pairs.set(token.slice(0, eq), token.slice(eq + 1));
  }
  return pairs;
}

/** The scenes the page lists for the widget with this state id (none: []). */
export function readScenes(doc: Document, id: string): Scene[] {
  const list = Array.from(doc.querySelectorAll<HTMLDetailsElement>('details.lm-scenes')).find((d) => d.dataset.for === id);
  if (!list) return [];
  return Array.from(list.querySelectorAll<HTMLLIElement>('li[data-scene]')).map((li) => ({
    attrs: parsePairs(li.dataset.scene ?? ''),
    note: (li.querySelector('a')?.textContent ?? li.textContent ?? '').trim(),
  }));
}

/** A scene's full state: its own values, then the tag's attributes, then the schema's defaults. */
export function sceneState(scene: Scene, schema: WidgetSchema, tagAttribute: (name: string) => string | null): { settings: Settings; seed: number } {
  const lookup = (name: string) => scene.attrs.get(name) ?? tagAttribute(name);
  return { settings: readSettings(schema, lookup), seed: parseSeed(lookup('seed'), 1) };
}

/** ◀ Scene n of N ▶ (in the toolbar) and the scene's note (a row under it, only while a scene is shown). */
export class SceneBar {
  readonly nav: HTMLElement;
  readonly note: HTMLElement;
  private readonly label: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  constructor(
    private readonly total: number,
    go: (delta: number) => void,
  ) {
    this.prev = h('button', { class: 'lm-button lm-quiet', text: '◀', attrs: { type: 'button', 'aria-label': t('Previous scene (Page Up)'), 'data-testid': 'scene-prev' } });
    this.next = h('button', { class: 'lm-button lm-quiet', text: '▶', attrs: { type: 'button', 'aria-label': t('Next scene (Page Down)'), 'data-testid': 'scene-next' } });
    this.prev.addEventListener('click', () => go(-1));
    this.next.addEventListener('click', () => go(1));
    this.label = h('span', { class: 'lm-scene-label', attrs: { 'data-testid': 'scene-label' } });
    this.nav = h('span', { class: 'lm-scene-nav', attrs: { role: 'group', 'aria-label': t('Lecture scenes: Page Down and Page Up step through them') } }, [this.prev, this.label, this.next]);
    this.note = h('p', { class: 'lm-scene-note', attrs: { 'data-testid': 'scene-note', 'aria-live': 'polite', hidden: true } });
    this.show(-1);
  }

  /** Show scene `index` (0-based; −1: none chosen yet) and its note. */
  show(index: number, note = ''): void {
    this.nav.dataset.scene = String(index + 1);
    this.label.textContent = index < 0 ? t('{total} scenes', { total: this.total }) : t('Scene {n} of {total}', { n: index + 1, total: this.total });
    this.note.textContent = note;
    this.note.hidden = index < 0 || note === '';
    this.prev.disabled = index <= 0;
    this.next.disabled = index >= this.total - 1;
  }
}
