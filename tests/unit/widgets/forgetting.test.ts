import { describe, expect, it } from 'vitest';
import { type ForgettingMetrics } from '../../../src/chapters/catastrophic-forgetting/runs/forgetting';
import { methodSpecOf } from '../../../src/chapters/catastrophic-forgetting/runs/forgetting-live';
import { forgettingConfig } from '../../../src/chapters/catastrophic-forgetting/widgets/forgetting/config';
import { defaults } from '../../../src/settings/schema';
import { forgettingSchema } from '../../../src/chapters/catastrophic-forgetting/widgets/forgetting/schema';
import { enabledMethods, evalEvery, heatmapMatrix } from '../../../src/chapters/catastrophic-forgetting/widgets/forgetting/model';

const metrics = (step: number, accuracy: number[][]): ForgettingMetrics => ({ step, taskStep: 0, task: 0, epoch: 0, methods: [], tasks: ['a', 'b', 'c'], accuracy, diverged: [] });

describe('forgetting widget helpers', () => {
  it('turns the method toggles into lib specs, plain when none is on', () => {
    const s = defaults(forgettingSchema);
    expect(enabledMethods(s).map((m) => m.key)).toEqual(['plain', 'replay', 'ewc', 'metaplastic']);
    expect(enabledMethods({ ...s, plain: false, replay: false, ewc: false, metaplastic: false }).map((m) => m.key)).toEqual(['plain']);
    const config = forgettingConfig(s, 1);
    const specs = config.methods.map((choice) => methodSpecOf(choice, config.lambda, config.meta));
    expect(specs[2]).toMatchObject({ kind: 'ewc', lambda: 500 });
    expect(specs[3]).toMatchObject({ kind: 'metaplastic', meta: 8 });
    expect(specs[1]).toMatchObject({ kind: 'replay', bufferSize: 1000 });
  });

  it('evaluates about six times per task, never more often than every 5 steps', () => {
    expect(evalEvery(300)).toBe(50);
    expect(evalEvery(25)).toBe(5);
  });

  it('fills the heatmap column by column, tasks not yet met left blank', () => {
    const end0 = metrics(10, [[0.9, 0.1, 0.1]]);
    const now = metrics(15, [[0.5, 0.8, 0.1]]);
    const m = heatmapMatrix(0, 3, [end0], now, 1);
    expect(m[0]).toEqual([0.9, 0.5, NaN]);
    expect(m[1]).toEqual([NaN, 0.8, NaN]);
    expect(m[2].every(Number.isNaN)).toBe(true);
  });
});
