/** The forgetting figure's pure helpers (no DOM: unit-tested in Node). */
import type { ForgettingMetrics } from '../../runs/forgetting';
import type { MethodChoice } from '../../runs/forgetting-live';
import type { SettingsOf } from '../../../../settings/schema';
import { FORGETTING_METHODS, type ForgettingMethodKey, type forgettingSchema } from './schema';

export type ForgettingSettings = SettingsOf<typeof forgettingSchema>;

/** Evaluations per task (at fixed steps from the task's start, so every run scores at the same steps). */
const EVALS_PER_TASK = 6;

export interface MethodView {
  key: ForgettingMethodKey;
  label: string;
  index: number;
}

/** Which methods a settings object turns on (at least one: plain, if the reader switched all off). */
export function enabledMethods(settings: Pick<ForgettingSettings, ForgettingMethodKey>): MethodView[] {
  const on = FORGETTING_METHODS.map((m, index) => ({ key: m.key, label: m.label, index })).filter((m) => settings[m.key]);
  return on.length ? on : [{ key: 'plain', label: 'Plain', index: 0 }];
}

/** One of the figure's methods, as the run is told it (its strength comes from the λ and m settings). */
export function methodChoice(key: ForgettingMethodKey, settings: Pick<ForgettingSettings, 'replaySize'>): MethodChoice {
  switch (key) {
    case 'plain':
      return { kind: 'sequential', label: 'Plain' };
    case 'replay':
      return { kind: 'replay', bufferSize: settings.replaySize, label: 'Replay' };
    case 'ewc':
      return { kind: 'ewc', label: 'EWC' };
    case 'metaplastic':
      return { kind: 'metaplastic', label: 'Metaplastic BNN' };
  }
}

/** Evaluate every `evalEvery(stepsPerTask)` steps of a task. */
export function evalEvery(stepsPerTask: number): number {
  return Math.max(5, Math.round(stepsPerTask / EVALS_PER_TASK));
}

/**
 * The heatmap of one method: cell [t][k] = accuracy on task t after learning task k (`ends[k]`),
 * or now for the current task `current`; NaN (grey) for tasks not met yet at that time.
 */
export function heatmapMatrix(method: number, numTasks: number, ends: (ForgettingMetrics | undefined)[], latest: ForgettingMetrics | undefined, current: number): number[][] {
  const rows: number[][] = [];
  for (let t = 0; t < numTasks; t++) {
    const row: number[] = [];
    for (let k = 0; k < numTasks; k++) {
      const m = k < current ? ends[k] : k === current ? latest : undefined;
      row.push(m && t <= k ? m.accuracy[method][t] : NaN);
    }
    rows.push(row);
  }
  return rows;
}

