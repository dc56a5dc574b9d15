/**
 * The chrome every widget shares, apart from training: settings resolved from the URL hash, the
 * tag's attributes and the schema's defaults (in that order); controls generated from the schema;
 * seed; transport; export; projector mode; keyboard; backend badge; states; live summary.
 * TrainingWidget (element.ts) adds the run lifecycle on top.
 */
import { stateIdFor, urlState } from '../../runtime/url-state';
import { parseSeed, readSettings, type Setting, type SettingValue, type Settings, type SettingsOf, type WidgetSchema } from '../../settings/schema';
import { BackendBadge } from './badge';
import { buildChrome } from './chrome';
import { buildControls, buildSeedControl, type Controls, type SeedControl } from './controls';
import { h, setButtonContent, uid } from './dom';
import { buildExport, buildTableButton } from './export';
import { Projector } from './projector';
import { readScenes, SceneBar, sceneState, type Scene } from './scenes';
import { StateView, type DivergenceContext } from './states';
import { LiveSummary } from './summary';
import { buildTransport, shortcutFor, type Transport } from './transport';
import { t } from '../../i18n/t';

export abstract class WidgetShell<S extends WidgetSchema = WidgetSchema> extends HTMLElement {
  protected abstract readonly schema: S;
  /** The current, valid settings (the seed apart), typed by the schema. */
  protected settings = {} as SettingsOf<S>;
  protected seed = 1;
  /** This widget's key in the URL hash. */
  protected stateId = '';
  /** The subclass draws its figure in here. */
  protected stage!: HTMLElement;
  /** The step the figure shows (status line, export file name). */
  protected lastStep = 0;

  protected readonly badge = new BackendBadge();
  protected readonly states = new StateView();
  protected readonly summary = new LiveSummary();
  protected transport!: Transport;
  protected projector!: Projector;
  protected statusLine!: HTMLElement;
  private controls!: Controls;
  private seedControl!: SeedControl;
  private projectorButton!: HTMLButtonElement;
  private settingsButton!: HTMLButtonElement;
  private built = false;
  /** Lecture scenes the page lists for this widget (scenes.ts), the one shown (−1: none) and their bar. */
  private scenes: Scene[] = [];
  private sceneIndex = -1;
  private sceneBar: SceneBar | null = null;
  /** The setting the reader changed last (null: none since the settings were loaded or replaced). */
  private lastChanged: string | null = null;
  /** Shown alone on the embed page (`data-lm-embed`): projector-sized, settings locked, keys F and Page Up/Down left to the page. */
  private embedded = false;

  /** Build the figure (chart, numbers) inside `stage`; called once. */
  protected abstract mountStage(stage: HTMLElement): void;
  protected abstract togglePlay(): void;
  abstract step(): void;
  abstract reset(): void;
  /** A setting moved (`committed`: released or chosen) — already valid and stored in `settings`. */
  protected abstract settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void;
  protected abstract seedChanged(): void;
  /** The URL hash now asks for other settings (the reader edited it): `settings`/`seed` are updated. */
  protected abstract stateReplaced(): void;

  /** The SVG to export, if any. */
  protected exportFigure(): SVGSVGElement | null {
    return this.stage.querySelector('svg.viz');
  }
  /** Projector mode toggled (e.g. redraw at a larger size). */
  protected onLayoutChange(): void {}

  protected ensureBuilt(): void {
    if (this.built) return;
    this.built = true;
    this.stateId = stateIdFor(this);
    this.embedded = this.hasAttribute('data-lm-embed');
    if (this.embedded) this.classList.add('lm-projector', 'lm-embed');
    const fromUrl = urlState().read(this.stateId, this.schema);
    this.scenes = readScenes(document, this.stateId);
    // A scene asked for in the URL is the base; settings written beside it (a change made in the scene) win.
    const scene = fromUrl.scene !== undefined && fromUrl.scene <= this.scenes.length ? fromUrl.scene - 1 : -1;
    const base = scene >= 0 ? sceneState(this.scenes[scene], this.schema, (name) => this.getAttribute(name)) : { settings: readSettings(this.schema, (name) => this.getAttribute(name)), seed: parseSeed(this.getAttribute('seed'), 1) };
    this.sceneIndex = scene;
    this.settings = { ...base.settings, ...fromUrl.settings } as SettingsOf<S>;
    this.seed = fromUrl.seed ?? base.seed;
    if (this.scenes.length > 0) {
      this.sceneBar = new SceneBar(this.scenes.length, (delta) => this.goToScene(this.sceneIndex + delta));
      this.sceneBar.show(scene, scene >= 0 ? this.scenes[scene].note : '');
    }

    this.transport = buildTransport({ onToggle: () => this.togglePlay(), onStep: () => this.step(), onReset: () => this.reset() });
    this.controls = buildControls({
      schema: this.schema,
      values: this.settings,
      onInput: (key, value, setting) => this.onSetting(key, value, setting, false),
      onCommit: (key, value, setting) => this.onSetting(key, value, setting, true),
    });
    this.seedControl = buildSeedControl(this.seed, (seed) => {
      this.seed = seed;
      this.persist();
      this.seedChanged();
    });
    this.projectorButton = h('button', { class: 'lm-button lm-quiet', attrs: { type: 'button', 'data-testid': 'projector', 'aria-keyshortcuts': 'F', 'aria-pressed': 'false', title: t('Projector mode (F)') } });
    setButtonContent(this.projectorButton, 'expand', t('Projector'));
    this.projectorButton.addEventListener('click', () => this.projector.toggle());
    // In projector mode the settings, keys and caption fold away, so the figure fills the screen (scenes
    // set the settings); this button unfolds them.
    this.settingsButton = h('button', { class: 'lm-button lm-quiet lm-settings-toggle', text: t('Settings'), attrs: { type: 'button', 'aria-expanded': 'false', 'data-testid': 'settings-toggle', title: t('Show the settings (projector mode)') } });
    this.settingsButton.addEventListener('click', () => this.showSettings(!this.classList.contains('lm-show-settings')));
    this.projector = new Projector(this, (on) => {
      this.projectorButton.setAttribute('aria-pressed', String(on));
      setButtonContent(this.projectorButton, on ? 'shrink' : 'expand', on ? t('Exit') : t('Projector'));
      if (!on) this.showSettings(false);
      this.querySelector<HTMLElement>('.lm-figure')?.focus({ preventScroll: true });
      this.onLayoutChange();
    });
    this.statusLine = h('span', { class: 'lm-status', attrs: { 'data-testid': 'status' } });
    this.stage = h('div', { class: 'lm-stage' });
    const figure = buildChrome({
      titleId: uid('lm-title'),
      title: t(this.schema.title),
      transport: this.transport.element,
      status: this.statusLine,
      exporter: buildExport({
        figure: () => this.exportFigure(),
        fileName: () => `${this.stateId}-seed-${this.seed}-step-${this.lastStep}`,
        onError: (message) => this.summary.update(t('Export failed: {message}', { message })),
        embedId: () => (this.id ? this.stateId : null),
        say: (message) => this.summary.update(message),
      }),
      projector: this.projectorButton,
      settingsToggle: this.settingsButton,
      scenes: this.sceneBar,
      stage: this.stage,
      state: this.states.element,
      controls: this.controls.element,
      seed: this.seedControl.element,
      badge: this.badge.element,
      table: buildTableButton(() => ({ root: this.stage, title: t(this.schema.title) }), (message) => this.summary.update(t('Export failed: {message}', { message }))),
      summary: this.summary.element,
      caption: this.getAttribute('caption'),
    });
    this.classList.add('lm-widget');
    // Inside the essay's <figure> with its own caption, the title shows only in projector mode.
    if (this.closest('figure')?.querySelector(':scope > figcaption')) this.classList.add('lm-has-caption');
    this.replaceChildren(figure);
    this.addEventListener('keydown', (event) => this.onKey(event));
    this.mountStage(this.stage);
  }

  /**
   * Change a setting from the figure itself (an animation step, a pick in the figure): stored, shown
   * on its control and written to the URL; settingChanged is not called (the caller acts on it).
   */
  protected setSetting(key: keyof SettingsOf<S> & string, value: SettingValue): void {
    (this.settings as Settings)[key] = value;
    this.controls.set({ [key]: value });
    this.persist();
  }

  /** Projector mode: unfold (or fold) the settings, keys and caption. */
  private showSettings(show: boolean): void {
    this.classList.toggle('lm-show-settings', show);
    this.settingsButton.setAttribute('aria-expanded', String(show));
    this.onLayoutChange();
  }

  /**
   * Back to the figure's defaults (the tag's attributes, else the schema's; its seed attribute,
   * else 1): stored, shown on the controls and written to the URL. The caller rebuilds the run.
   */
  protected restoreDefaults(): void {
    this.settings = readSettings(this.schema, (name) => this.getAttribute(name)) as SettingsOf<S>;
    this.seed = parseSeed(this.getAttribute('seed'), 1);
    this.controls.set(this.settings as Settings);
    this.seedControl.set(this.seed);
    this.lastChanged = null;
    this.persist();
  }

  /** For a divergence message: the setting changed last and the figure's defaults (states.ts). */
  protected divergenceContext(): DivergenceContext {
    return { lastChanged: this.lastChanged, defaults: readSettings(this.schema, (name) => this.getAttribute(name)) };
  }

  /** Write the full state to the URL hash (debounced). */
  protected persist(): void {
    urlState().write(this.stateId, this.schema, this.settings, this.seed, this.sceneIndex >= 0 ? this.sceneIndex + 1 : undefined);
  }

  /**
   * Show lecture scene `index` (clamped to the list): its settings and seed, in full, so a scene is
   * the same every time; the figure restarts on them as after a changed URL.
   */
  protected goToScene(index: number): void {
    if (this.scenes.length === 0) return;
    const i = Math.max(0, Math.min(this.scenes.length - 1, index));
    const { settings, seed } = sceneState(this.scenes[i], this.schema, (name) => this.getAttribute(name));
    this.sceneIndex = i;
    this.settings = settings as SettingsOf<S>;
    this.seed = seed;
    this.controls.set(settings);
    this.seedControl.set(seed);
    this.sceneBar?.show(i, this.scenes[i].note);
    this.lastChanged = null;
    this.persist();
    this.stateReplaced();
  }

  /** Listen to the URL hash while connected. */
  protected watchHash(on: boolean): void {
    if (on) window.addEventListener('hashchange', this.onHashChange);
    else window.removeEventListener('hashchange', this.onHashChange);
  }

  private onSetting(key: string, value: SettingValue, setting: Setting, committed: boolean): void {
    // Every value reaching here was parsed and validated against the schema (controls, URL).
    const settings = this.settings as Settings;
    const changed = settings[key] !== value;
    settings[key] = value;
    if (changed) {
      this.lastChanged = key;
      this.persist();
    }
    this.settingChanged(key, value, setting, committed, changed);
  }

  private readonly onHashChange = () => {
    const fromUrl = urlState().read(this.stateId, this.schema);
    // A link to a scene (the list under the figure, or a lecturer's bookmark).
    if (fromUrl.scene !== undefined && fromUrl.scene - 1 !== this.sceneIndex && fromUrl.scene <= this.scenes.length) {
      this.goToScene(fromUrl.scene - 1);
      return;
    }
    const current = this.settings as Settings;
    const next = { ...current, ...fromUrl.settings };
    const seed = fromUrl.seed ?? this.seed;
    if (seed === this.seed && this.schema.settings.every((s) => next[s.key] === current[s.key])) return;
    this.settings = next as SettingsOf<S>;
    this.seed = seed;
    this.lastChanged = null;
    this.controls.set(next);
    this.seedControl.set(seed);
    this.stateReplaced();
  };

  private onKey(event: KeyboardEvent): void {
    // Page Down / Page Up: what a presentation clicker sends; they step through the lecture scenes.
    const shortcut = shortcutFor(event);
    if (this.embedded && (shortcut === 'projector' || event.key.startsWith('Page'))) return;
    if (this.scenes.length > 0 && (event.key === 'PageDown' || event.key === 'PageUp') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.goToScene(this.sceneIndex + (event.key === 'PageDown' ? 1 : -1));
      return;
    }
    if (!shortcut) return;
    if (shortcut === 'exit') {
      if (this.projector.active) {
        this.projector.exit();
        event.preventDefault();
      }
      return;
    }
    event.preventDefault();
    if (shortcut === 'toggle') this.togglePlay();
    else if (shortcut === 'step') this.step();
    else if (shortcut === 'reset') this.reset();
    else this.projector.toggle();
  }
}
