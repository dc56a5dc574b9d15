// The chapter's run kinds: their live keys, written out for the worker, are exactly the ones the
// widgets' schemas give (liveConfigKeys), and the runs themselves apply exactly those keys.
import { describe, expect, it } from 'vitest';
import { liveConfigKeys } from '../../../../src/settings/schema';
import { equivariance, picasso, shiftProbe } from '../../../../src/chapters/cnn-pooling/run-kinds';
import { shiftProbeConfig } from '../../../../src/chapters/cnn-pooling/widgets/shift-probe/config';
import { shiftProbeSchema } from '../../../../src/chapters/cnn-pooling/widgets/shift-probe/schema';
import { equivarianceConfig } from '../../../../src/chapters/cnn-pooling/widgets/equivariance-grid/config';
import { equivarianceSchema } from '../../../../src/chapters/cnn-pooling/widgets/equivariance-grid/schema';
import { picassoConfig } from '../../../../src/chapters/cnn-pooling/widgets/picasso-faces/config';
import { picassoSchema } from '../../../../src/chapters/cnn-pooling/widgets/picasso-faces/schema';
import { SHIFT_PROBE_LIVE_KEYS } from '../../../../src/chapters/cnn-pooling/runs/shift-probe';
import { EQUIVARIANCE_LIVE_KEYS } from '../../../../src/chapters/cnn-pooling/runs/equivariance';
import { PICASSO_LIVE_KEYS } from '../../../../src/chapters/cnn-pooling/runs/picasso';
import { cnnPooling } from '../../../../src/chapters/cnn-pooling';

const sorted = (keys: readonly string[]) => [...keys].sort();

describe('CNN-pooling run kinds', () => {
  it('take the live keys the schemas give, and the runs apply those', () => {
    const probe = [...liveConfigKeys(shiftProbeSchema, (s) => shiftProbeConfig(s, 1, { drawn: null, modelsUrl: '' })), 'drawn'];
    expect(sorted(shiftProbe.liveKeys)).toEqual(sorted(probe));
    expect(sorted(SHIFT_PROBE_LIVE_KEYS)).toEqual(sorted(probe));
    const grid = liveConfigKeys(equivarianceSchema, (s) => equivarianceConfig(s, 1, ''));
    expect(sorted(equivariance.liveKeys)).toEqual(sorted(grid));
    expect(sorted(EQUIVARIANCE_LIVE_KEYS)).toEqual(sorted(grid));
    const faces = liveConfigKeys(picassoSchema, (s) => picassoConfig(s, 1, ''));
    expect(sorted(picasso.liveKeys)).toEqual(sorted(faces));
    expect(sorted(PICASSO_LIVE_KEYS)).toEqual(sorted(faces));
  });

  it('the manifest lists the three widgets and their kinds, under their own names', async () => {
    expect(Object.keys(cnnPooling.widgets)).toEqual(['shift-probe', 'equivariance-grid', 'picasso-faces']);
    for (const [name, load] of Object.entries(cnnPooling.runKinds)) expect((await load()).kind.name).toBe(name);
    expect((await cnnPooling.schemas()).map((e) => [e.schema.tag, e.kind?.name])).toEqual([
      ['shift-probe', 'shift-probe'],
      ['equivariance-grid', 'equivariance-grid'],
      ['picasso-faces', 'picasso'],
    ]);
  });
});
