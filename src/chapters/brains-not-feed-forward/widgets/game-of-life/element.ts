/**
 * <game-of-life>: Conway's Life (B3/S23) on a 64 × 48 torus, in the worker (runs/life.ts), editable
 * while it runs or paused. Click or tap flips a cell (drag to paint), or stamps the pattern chosen
 * as the brush; on the focused grid, arrow keys move a cursor and Enter does the same. Edits are
 * drawn at once and sent to the run as commands (toggles, place, clear); Play runs at the chosen
 * generations per second, Step takes one generation, Reset returns to the start pattern.
 */
import '../shared/dynamics.css';
import type { LifePatternName } from '../../../../lib/dynamics/life-patterns';
import type { LifeConfig, LifeMetrics } from '../../runs/life';
import type { TrainerClient } from '../../../../runtime/client';
import type { Setting, SettingValue } from '../../../../settings/schema';
import { h } from '../../../../widgets/base/dom';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { gameOfLifeKind } from '../../kinds';
import { fillSize, nextFrame, observeLayout, projectorScale } from '../shared/canvas';
import { stageFigure } from '../shared/export';
import { drawXYChart } from '../shared/xy-chart';
import { gameOfLifeConfig } from './config';
import { cellAt, drawGrid, gridLayout, moveCursor, patternCells, type GridLayout } from './grid';
import { gameOfLifeSchema } from './schema';
import { aboutPatterns, brushPhrase, optionLabel } from './words';
import { groupNumber, t } from '../../../../i18n/t';

const MAX_GENERATIONS_PER_FRAME = 8;

type LifeEdit = Pick<LifeConfig, 'toggles' | 'place' | 'clear'>;

export class GameOfLifeElement extends TrainingWidget<typeof gameOfLifeKind, typeof gameOfLifeSchema> {
  protected readonly schema = gameOfLifeSchema;
  private metrics: LifeMetrics | null = null;
  private cells = new Uint8Array(0);
  private grid!: HTMLCanvasElement;
  private chart!: HTMLCanvasElement;
  private about!: HTMLElement;
  private cursorText!: HTMLElement;
  private values = new Map<string, HTMLElement>();
  private layout: GridLayout = { cell: 8, width: 512, height: 384 };
  private cursor: [number, number] | null = null;
  private focused = false;
  private hover: [number, number] | null = null;
  private painting: { value: number } | null = null;
  private pending: LifeEdit[] = [];
  private flushQueued = false;
  private due = 0;
  private lastTick = 0;

  protected mountStage(stage: HTMLElement): void {
    const stat = (key: string, label: string) => {
      const value = h('dd', { class: 'dyn-stat-value', text: '–', attrs: { 'data-testid': key } });
      this.values.set(key, value);
      return h('div', { class: 'dyn-stat' }, [h('dt', { text: label }), value]);
    };
    const label = t('Life grid, {cols} by {rows} cells, wrapping at the edges. Arrow keys move the cursor; Enter flips the cell or stamps the chosen pattern.', { cols: 64, rows: 48 });
    this.grid = h('canvas', { class: 'dyn-canvas dyn-life-grid', attrs: { tabindex: 0, role: 'application', 'aria-roledescription': t('Life grid'), 'aria-label': label, 'data-testid': 'life-grid' } });
    this.chart = h('canvas', { class: 'dyn-canvas', attrs: { role: 'img', 'aria-label': t('Live cells per generation'), 'data-testid': 'chart-population' } });
    this.about = h('p', { class: 'dyn-note', attrs: { 'data-testid': 'pattern-about' } });
    this.cursorText = h('p', { class: 'lm-visually-hidden', attrs: { 'aria-live': 'polite', 'data-testid': 'cursor' } });
    const clear = h('button', { class: 'lm-button', text: t('Clear the grid'), attrs: { type: 'button', 'data-testid': 'clear' } });
    clear.addEventListener('click', () => this.edit({ clear: true }, () => this.cells.fill(0)));
    stage.append(
      h('dl', { class: 'dyn-stats', attrs: { 'aria-label': t('Now') } }, [stat('generation', t('generation')), stat('population', t('live cells'))]),
      h('div', { class: 'dyn-life-wrap' }, [this.grid]),
      h('p', { class: 'dyn-note', text: t('Click or tap a cell to flip it, or drag to paint. On the grid, arrow keys move the cursor and Enter places. Choose what a click places under the settings.') }),
      h('div', { class: 'dyn-buttons' }, [clear]),
      this.about,
      this.cursorText,
      h('section', { class: 'dyn-panel dyn-life-chart' }, [h('p', { class: 'dyn-panel-title', text: t('Live cells per generation') }), h('div', { class: 'dyn-fill' }, [this.chart])]),
    );
    this.grid.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.grid.addEventListener('pointermove', (e) => this.onPointerMove(e));
    for (const type of ['pointerup', 'pointercancel'] as const) this.grid.addEventListener(type, () => (this.painting = null));
    this.grid.addEventListener('pointerleave', () => this.leave());
    this.grid.addEventListener('keydown', (e) => this.onGridKey(e));
    this.grid.addEventListener('focus', () => {
      this.focused = true;
      this.cursor ??= [32, 24];
      this.describeCursor();
      this.draw();
    });
    this.grid.addEventListener('blur', () => {
      this.focused = false;
      this.draw();
    });
    observeLayout(this.stage, () => this.draw());
  }

  protected override loadingText(): string {
    return t('Setting up the grid…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.pending = [];
    const run = await this.createRunFrom(trainer, gameOfLifeKind, gameOfLifeConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to advance');
    let generations = 1;
    if (mode === 'play') {
      const now = performance.now();
      this.due += this.lastTick > 0 ? (Math.min(250, now - this.lastTick) * this.settings.speed) / 1000 : 1;
      this.lastTick = now;
      generations = Math.min(MAX_GENERATIONS_PER_FRAME, Math.floor(this.due));
      this.due -= generations;
    }
    if (generations > 0) {
      const r = await trainer.train(run, { steps: generations, budgetMs: 500 });
      this.record(await trainer.evaluate(run));
      if (mode === 'play') await nextFrame();
      return { step: r.step, loss: r.loss, diverged: false, stepsPerSec: r.stepsPerSec };
    }
    await nextFrame();
    return { step: this.metrics?.step ?? 0, loss: this.metrics?.population ?? 0, diverged: false, stepsPerSec: this.settings.speed };
  }

  protected async applyLive(): Promise<void> {
    // Speed and brush live on the page only.
  }

  protected override settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    super.settingChanged(key, value, setting, committed, changed);
    if (key === 'speed') this.lastTick = 0;
    if (key === 'brush' || key === 'start') this.describe();
    this.draw();
  }

  protected summarize(): string {
    const m = this.metrics;
    if (!m) return t('Ready.');
    return t('generation {generation}, {population} live cells; started from {start}; a click places {brush}', { generation: groupNumber(m.generation), population: groupNumber(m.population), start: optionLabel(this.settings.start), brush: brushPhrase(this.settings.brush) });
  }

  protected override onLayoutChange(): void {
    this.draw();
    // Entering projector mode, the boxes take their final size a frame later.
    requestAnimationFrame(() => this.draw());
  }

  protected override exportFigure(): SVGSVGElement | null {
    return stageFigure(this.stage, t(this.schema.title));
  }

  private describe(): void {
    const text = aboutPatterns(this.settings.start, this.settings.brush);
    if (this.about.textContent !== text) this.about.textContent = text;
  }

  private record(m: LifeMetrics): void {
    this.metrics = m;
    this.cells = Uint8Array.from(m.cells);
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.population = String(m.population);
    this.values.get('generation')!.textContent = groupNumber(m.generation);
    this.values.get('population')!.textContent = groupNumber(m.population);
    this.describe();
    this.draw();
    this.announce(false);
  }

  /** Apply an edit on the page now, and queue it for the run (edits reach it in the order made). */
  private edit(command: LifeEdit, local: () => void): void {
    if (!this.metrics) return;
    local();
    const last = this.pending.at(-1);
    if (command.toggles && last?.toggles) last.toggles.push(...command.toggles);
    else this.pending.push(command.toggles ? { toggles: [...command.toggles] } : command);
    this.draw();
    this.flush();
  }

  private flush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    const trainer = this.trainer;
    this.enqueue(async () => {
      this.flushQueued = false;
      const commands = this.pending;
      this.pending = [];
      const run = this.run;
      if (!trainer || !run || commands.length === 0) return;
      for (const command of commands) await trainer.update(run, command);
      this.record(await trainer.evaluate(run));
    }).catch(() => undefined);
  }

  private pointerCell(e: PointerEvent): [number, number] | null {
    const m = this.metrics;
    if (!m) return null;
    const box = this.grid.getBoundingClientRect();
    const scale = box.width > 0 ? this.layout.width / box.width : 1;
    return cellAt((e.clientX - box.left) * scale, (e.clientY - box.top) * scale, this.layout, m.width, m.height);
  }

  private apply(at: [number, number]): void {
    const m = this.metrics;
    if (!m) return;
    const [x, y] = at;
    if (this.settings.brush === 'cell') {
      const value = 1 - this.cells[y * m.width + x];
      this.edit({ toggles: [[x, y]] }, () => (this.cells[y * m.width + x] = value));
      this.painting = { value };
    } else {
      const pattern = this.settings.brush as LifePatternName;
      this.edit({ place: { pattern, x, y } }, () => {
        for (const [cx, cy] of patternCells(pattern, x, y, m.width, m.height)) this.cells[cy * m.width + cx] = 1;
      });
    }
    this.cursor = at;
    this.describeCursor();
  }

  private onPointerDown(e: PointerEvent): void {
    const at = this.pointerCell(e);
    if (!at) return;
    e.preventDefault();
    this.grid.focus({ preventScroll: true });
    this.grid.setPointerCapture?.(e.pointerId);
    this.apply(at);
  }

  private leave(): void {
    this.hover = null;
    this.draw();
  }

  private onPointerMove(e: PointerEvent): void {
    const at = this.pointerCell(e);
    const m = this.metrics;
    if (!at || !m) return;
    const moved = !this.hover || this.hover[0] !== at[0] || this.hover[1] !== at[1];
    this.hover = at;
    if (this.painting && this.settings.brush === 'cell' && moved) {
      const [x, y] = at;
      const value = this.painting.value;
      if (this.cells[y * m.width + x] !== value) this.edit({ toggles: [[x, y]] }, () => (this.cells[y * m.width + x] = value));
    } else if (moved && this.settings.brush !== 'cell') this.draw();
  }

  private onGridKey(e: KeyboardEvent): void {
    const m = this.metrics;
    if (!m || e.ctrlKey || e.metaKey || e.altKey) return;
    const cursor = this.cursor ?? [32, 24];
    const next = moveCursor(cursor, e.key, m.width, m.height);
    if (next) {
      this.cursor = next;
      this.describeCursor();
      this.draw();
    } else if (e.key === 'Enter') this.apply(cursor);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  private describeCursor(): void {
    const m = this.metrics;
    if (!m || !this.cursor) return;
    const [x, y] = this.cursor;
    this.dataset.cursor = `${x},${y}`;
    this.cursorText.textContent = this.cells[y * m.width + x] ? t('column {x}, row {y}: alive', { x: x + 1, y: y + 1 }) : t('column {x}, row {y}: dead', { x: x + 1, y: y + 1 });
  }

  private draw(): void {
    const m = this.metrics;
    // Projector mode: the grid as large as its column's height allows (dynamics.css), the chart at its box's size, text scaled.
    const k = projectorScale(this);
    const wrap = this.grid.parentElement!;
    const available = Math.round((k ? wrap.clientWidth : this.stage.clientWidth) || 640);
    const cols = m?.width ?? 64;
    const rows = m?.height ?? 48;
    const maxCell = k ? Math.max(4, Math.floor(wrap.clientHeight / rows)) : 10;
    this.layout = gridLayout(Math.min(available, maxCell * cols), cols, rows);
    const chartBox = k ? fillSize(this.chart.parentElement!) : null;
    if (!m) {
      this.grid.style.height = `${this.layout.height}px`;
      return;
    }
    this.grid.style.width = `${this.layout.width}px`;
    const where = this.focused ? this.cursor : this.hover;
    const ghost = this.settings.brush !== 'cell' && where ? patternCells(this.settings.brush as LifePatternName, where[0], where[1], cols, rows) : [];
    drawGrid(this.grid, { cells: this.cells, cols, rows, layout: this.layout, cursor: this.focused ? this.cursor : null, ghost });
    const history = m.populationHistory;
    const xs = history.map((_, i) => m.generation - (history.length - 1 - i));
    if (k && !chartBox) return;
    drawXYChart(this.chart, {
      width: chartBox?.width ?? Math.min(available, 720),
      height: chartBox?.height ?? 150,
      xDomain: [Math.max(0, m.generation - 499), Math.max(10, m.generation)],
      yInclude: [0],
      xLabel: t('generation'),
      yLabel: t('live cells'),
      series: [{ label: '', xs, ys: history, colour: 0 }],
      scale: k ?? 1,
    });
  }
}

if (!customElements.get(gameOfLifeSchema.tag)) customElements.define(gameOfLifeSchema.tag, GameOfLifeElement);
