// The chapter's manifest: every widget tag has a schema with its run kind; each kind's live keys come
// from its widget's schema and are keys the run's update() applies (so a live slider never asks a run
// for a change it would ignore); the chapter is in the one list, in the essay's order.
import { describe, expect, it } from 'vitest';
import { chapters } from '../../../../src/chapters';
import { exponentiatedGradient } from '../../../../src/chapters/exponentiated-gradient';
import { egGuessMap, egRace, egWeights } from '../../../../src/chapters/exponentiated-gradient/run-kinds';
import { RACE_LIVE_KEYS } from '../../../../src/chapters/exponentiated-gradient/runs/sparse-dense-race';
import { WEIGHTS_LIVE_KEYS } from '../../../../src/chapters/exponentiated-gradient/runs/weights-live';
import { GUESS_MAP_LIVE_KEYS } from '../../../../src/chapters/exponentiated-gradient/runs/guess-the-map';

describe('exponentiated-gradient manifest', () => {
  it('lists three widgets, each with a schema and the kind it trains', async () => {
    const schemas = await exponentiatedGradient.schemas();
    expect(Object.keys(exponentiatedGradient.widgets)).toEqual(['eg-race', 'eg-weights', 'eg-guess-map']);
    expect(schemas.map((s) => [s.schema.tag, s.kind?.name])).toEqual([
      ['eg-race', 'eg-race'],
      ['eg-weights', 'eg-weights'],
      ['eg-guess-map', 'eg-guess-map'],
    ]);
    expect(Object.keys(exponentiatedGradient.runKinds)).toEqual(['eg-race', 'eg-weights', 'eg-guess-map']);
    expect((await exponentiatedGradient.runKinds['eg-race']()).kind.name).toBe('eg-race');
  });

  it('derives live keys the runs apply', () => {
    expect(egRace.liveKeys).toEqual(['gdRateScale', 'egRateScale']);
    expect([...egWeights.liveKeys].sort()).toEqual(['biasRate', 'egRateScale', 'gdRate', 'layer']);
    expect(egGuessMap.liveKeys).toEqual([]);
    for (const key of egRace.liveKeys) expect(RACE_LIVE_KEYS).toContain(key);
    for (const key of egWeights.liveKeys) expect(WEIGHTS_LIVE_KEYS).toContain(key);
    expect(GUESS_MAP_LIVE_KEYS).toEqual([]);
  });

  it('sits after feedback alignment in the chapter list', () => {
    const slugs = chapters.map((c) => c.slug);
    expect(slugs.indexOf('exponentiated-gradient')).toBe(slugs.indexOf('feedback-alignment') + 1);
  });
});
