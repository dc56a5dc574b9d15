// The widgets' page-side arithmetic, each piece against an independent statement of what it should do:
// the neuron's static unit against the LIF rate formula written out here, the raster and 1/ISI, the
// reservoir's tabled theory against the lib, the sweep pacing, Life's editing geometry against the lib's
// own pattern stamping, the event figure's space–time record, the map's pace, and the run kinds' live keys.
import { describe, expect, it } from 'vitest';
import { adaptationDrop, CycleRaster, instantRates, sampleTime, staticRate } from '../../../../src/chapters/brains-not-feed-forward/widgets/lif-neuron/model';
import { MEAN_FIELD_ABOVE_ONE, meanFieldCurve, measured, nearestMeasured, nextSweepWork, regime } from '../../../../src/chapters/brains-not-feed-forward/widgets/edge-of-chaos/model';
import { cellAt, gridLayout, moveCursor, patternCells } from '../../../../src/chapters/brains-not-feed-forward/widgets/game-of-life/grid';
import { formatBytes, SpaceTime } from '../../../../src/chapters/brains-not-feed-forward/widgets/event-camera/spacetime';
import { stepSize, updatesPerSecond } from '../../../../src/chapters/brains-not-feed-forward/widgets/kohonen-map/pace';
import { edgeOfChaosConfig, SWEEP_ORDER } from '../../../../src/chapters/brains-not-feed-forward/widgets/edge-of-chaos/config';
import { meanFieldLyapunov } from '../../../../src/lib/dynamics/edge-of-chaos';
import { emptyGrid, liveCells } from '../../../../src/lib/dynamics/life';
import { LIFE_PATTERN_NAMES, placePattern } from '../../../../src/lib/dynamics/life-patterns';
import { SWEEP_GAINS, type SweepPoint } from '../../../../src/chapters/brains-not-feed-forward/runs/edge-of-chaos';
import { edgeOfChaos, eventCamera, gameOfLife, kohonenMap, lifNeuron } from '../../../../src/chapters/brains-not-feed-forward/run-kinds';
import { widgetSchemas } from '../../../../src/chapters/brains-not-feed-forward/widget-schemas';
import { defaults } from '../../../../src/settings/schema';

describe('neuron figure model', () => {
  // Oracle: r = 1000 / (t_ref + τ ln(RI / (RI − (θ − E_L)))), R = 10 MΩ, θ − E_L = 20 mV, t_ref = 2 ms.
  const oracle = (current: number, tau: number, bias: number) => {
    const drive = 10 * (current + bias);
    return drive <= 20 ? 0 : 1000 / (2 + tau * Math.log(drive / (drive - 20)));
  };

  it('the static unit is the neuron’s rate formula: 41.715 Hz at 3 nA, nothing below 2 nA, bias adds to the input', () => {
    expect(staticRate(3, 20, 0)).toBeCloseTo(41.715, 3);
    for (const [i, tau, bias] of [[0, 20, 0], [1.9, 20, 0], [2.5, 5, 0], [6, 50, 0], [0, 20, 2.5], [1, 10, 1.5]]) {
      expect(staticRate(i, tau, bias)).toBeCloseTo(oracle(i, tau, bias), 9);
    }
  });

  it('1/ISI at each spike after the first; sample times end at now', () => {
    expect(instantRates([10, 20, 45])).toEqual([[20, 100], [45, 40]]);
    expect(instantRates([5])).toEqual([]);
    expect(sampleTime(1000, 4, 3, 0.5)).toBe(1000);
    expect(sampleTime(1000, 4, 0, 0.5)).toBe(998.5);
  });

  it('the raster keeps each spike once, in its cycle, newest cycle first, and forgets old cycles', () => {
    const raster = new CycleRaster(100, 2, 3);
    raster.add([[10, 150], [20]]);
    raster.add([[10, 150, 260], [20, 390]]); // overlapping window: 10, 150, 20 seen already
    const rows = raster.rows(390);
    expect(rows.map((r) => r.index)).toEqual([3, 2, 1]);
    expect(rows[0].phases).toEqual([[], [90]]);
    expect(rows[1].phases).toEqual([[60], []]);
    expect(rows[2].phases[0].map((p) => Math.round(p))).toEqual([50]);
    expect(raster.rows(50)).toHaveLength(1); // no negative cycles
  });

  it('the adaptation drop of the last cycle', () => {
    expect(adaptationDrop({ lastCycle: { onset: 40, steady: 10, after: 0 } })).toBeCloseTo(0.75, 12);
    expect(adaptationDrop({ lastCycle: null })).toBeNull();
    expect(adaptationDrop({ lastCycle: { onset: 0, steady: 0, after: 0 } })).toBeNull();
  });
});

describe('reservoir figure model', () => {
  it('tables the lib’s mean-field exponent above g = 1 (to 5 decimals), and ln g below', () => {
    MEAN_FIELD_ABOVE_ONE.forEach((v, i) => expect(v).toBeCloseTo(meanFieldLyapunov(1 + 0.05 * i).exponent, 5));
    const curve = meanFieldCurve();
    expect(curve.ys[curve.xs.indexOf(0.5)]).toBeCloseTo(Math.log(0.5), 12);
    expect(curve.xs.at(-1)).toBeCloseTo(2, 12);
  }, 30_000);

  it('sweeps the same gains as the reproduce table, coarse to fine, the pass bands’ three first', () => {
    expect([...SWEEP_ORDER].sort((a, b) => a - b)).toEqual(SWEEP_GAINS);
    expect(SWEEP_ORDER.slice(0, 3)).toEqual([0.5, 0.95, 1.5]);
    const config = edgeOfChaosConfig(defaults(widgetSchemas[1].schema) as never, 7);
    expect(config).toMatchObject({ seed: 7, size: 500, gain: 0.95, driven: true, inputScale: 0.1 });
  });

  it('in the figure’s coarse-to-fine order, the sweep measures each gain exactly as the reproduce table does', async () => {
    const { EdgeOfChaosRun } = await import('../../../../src/chapters/brains-not-feed-forward/runs/edge-of-chaos');
    const { reservoirSweep } = await import('../../../../src/chapters/brains-not-feed-forward/tables/reservoir');
    const protocol = { size: 30, inputScale: 0.1, sweepGains: SWEEP_GAINS, memory: { maxDelay: 10, washout: 20, train: 150, test: 100, ridge: 1e-7 }, lyapunovWashout: 20, lyapunovSteps: 60 };
    const config = { ...edgeOfChaosConfig({ gain: 0.95, driven: true, size: 100 }, 3), ...protocol, sweepGains: SWEEP_ORDER, sweepWork: 1000 };
    const run = new EdgeOfChaosRun(config);
    run.train(100);
    const figure = run.evaluate().sweep;
    const table = reservoirSweep(3, protocol).points;
    expect(figure.map((p) => p.gain)).toEqual(SWEEP_ORDER);
    for (const p of figure) {
      const q = table.find((t) => t.gain === p.gain)!;
      expect([p.capacity, p.lyapunovDriven, p.lyapunovAutonomous]).toEqual([q.capacity, q.lyapunovDriven, q.lyapunovAutonomous]);
    }
  });

  it('picks measured points in order of g and the one nearest the slider', () => {
    const point = (gain: number, capacity: number): SweepPoint => ({ gain, capacity, lyapunovDriven: NaN, lyapunovAutonomous: NaN, activityDriven: NaN, activityAutonomous: NaN, memoryFunction: Number.isNaN(capacity) ? new Float32Array(0) : new Float32Array([1]) });
    const sweep = [point(1.5, 3), point(0.5, 12), point(0.95, 51), point(1.3, NaN)];
    expect(measured(sweep, 'capacity').map((p) => p.gain)).toEqual([0.5, 0.95, 1.5]);
    expect(nearestMeasured(sweep, 1.25)?.gain).toBe(1.5); // 1.3 is not measured yet
    expect(nearestMeasured(sweep, 0.8)?.gain).toBe(0.95);
    expect(nearestMeasured([point(1, NaN)], 1)).toBeNull();
  });

  it('tunes the sweep work per step to the target time, and leaves it alone for small changes', () => {
    // 24 sweep steps took 12 ms: 0.5 ms each; 24 ms over 2 live steps → 24 per live step.
    expect(nextSweepWork(12, 12, 24, 2, 24)).toBe(24);
    expect(nextSweepWork(20, 12, 24, 2, 24)).toBe(20);
    expect(nextSweepWork(12, 0, 24, 2, 24)).toBe(12);
    expect(nextSweepWork(12, 10_000, 24, 2, 24)).toBe(1);
    expect(nextSweepWork(12, 0.001, 24, 1, 24)).toBe(2000);
  });

  it('names the regime from λ and the activity', () => {
    expect(regime(-0.5, 1e-9, false)).toMatch(/silent/);
    expect(regime(-0.5, 0.01, true)).toMatch(/stable/);
    expect(regime(0.001, 0.1, true)).toMatch(/edge/);
    expect(regime(0.05, 0.3, true)).toMatch(/chaotic/);
  });
});

describe('Life figure geometry', () => {
  it('fits the grid, finds the cell under the pointer, and wraps the cursor like the torus', () => {
    const layout = gridLayout(650, 64, 48);
    expect(layout).toEqual({ cell: 10, width: 640, height: 480 });
    expect(gridLayout(300, 64, 48).cell).toBe(4);
    expect(cellAt(15, 25, layout, 64, 48)).toEqual([1, 2]);
    expect(cellAt(640, 10, layout, 64, 48)).toBeNull();
    expect(moveCursor([0, 0], 'ArrowLeft', 64, 48)).toEqual([63, 0]);
    expect(moveCursor([5, 47], 'ArrowDown', 64, 48)).toEqual([5, 0]);
    expect(moveCursor([5, 5], 'Enter', 64, 48)).toBeNull();
  });

  it('stamps every pattern on exactly the cells the lib places, wrapping at the edges', () => {
    for (const name of LIFE_PATTERN_NAMES) {
      for (const [x, y] of [[3, 4], [60, 45]]) {
        const grid = placePattern(emptyGrid(64, 48), name, x, y);
        const mine = patternCells(name, x, y, 64, 48).map(([cx, cy]) => `${cx},${cy}`).sort();
        expect(mine).toEqual(liveCells(grid).map(([cx, cy]) => `${cx},${cy}`).sort());
      }
    }
  });
});

describe('event figure space–time record', () => {
  it('counts each event once however the windows overlap, by net polarity, and clears bins it passes', () => {
    const st = new SpaceTime(4, 5, 2);
    st.advanceTo(6);
    expect(st.addEvents([1, 1.5, 3, 5], [0, 0, 2, 3], [1, 1, -1, 1])).toBe(4);
    expect(st.addEvents([3, 5, 5.5], [2, 3, 3], [-1, 1, 1])).toBe(1); // only 5.5 is new
    expect(st.at(3, 0)).toBe(2); // bin 0 (0–2 ms) is 3 back from bin 3
    expect(st.at(2, 2)).toBe(-1);
    expect(st.at(1, 3)).toBe(2);
    st.advanceTo(14); // bins 4..7 cleared as the head passes; bins older than 5 back are gone
    expect(st.at(6, 0)).toBe(0);
    expect(st.at(5, 3)).toBe(0);
    st.advanceTo(100); // a jump past the whole ring empties it
    expect(Array.from(st.cells).every((v) => v === 0)).toBe(true);
  });

  it('keeps frame snapshots as profiles (brightest pixel per column), dropping those older than the ring', () => {
    const st = new SpaceTime(3, 4, 10);
    st.advanceTo(5);
    st.addFrame(5, Uint8Array.from([0, 10, 0, 200, 0, 30]), 2);
    expect(Array.from(st.frames[0].profile)).toEqual([200, 10, 30]);
    st.advanceTo(60);
    expect(st.frames).toHaveLength(0);
    expect(formatBytes(664_100)).toBe('664.1 kB');
    expect(formatBytes(3_812_400)).toBe('3.81 MB');
  });
});

describe('Kohonen figure pace', () => {
  it('plays the first thousand updates slowly, faster later; fast is fast throughout', () => {
    expect(updatesPerSecond('slow', 0)).toBeLessThan(updatesPerSecond('normal', 0));
    expect(updatesPerSecond('normal', 0)).toBeLessThan(updatesPerSecond('normal', 10_000));
    expect(updatesPerSecond('fast', 0)).toBe(updatesPerSecond('fast', 19_000));
    expect(stepSize(0)).toBe(50);
    expect(stepSize(12_000)).toBe(1000);
  });
});

describe('run kinds', () => {
  it('take live exactly the schemas’ live settings, plus Life’s edit commands and the sweep’s work', () => {
    expect(new Set(lifNeuron.liveKeys)).toEqual(new Set(['inputCurrent', 'timeConstant', 'adaptation', 'noise', 'bias', 'coupling']));
    expect(new Set(edgeOfChaos.liveKeys)).toEqual(new Set(['gain', 'driven', 'sweepWork']));
    expect(new Set(gameOfLife.liveKeys)).toEqual(new Set(['toggles', 'place', 'clear']));
    expect(kohonenMap.liveKeys).toEqual([]);
    expect(new Set(eventCamera.liveKeys)).toEqual(new Set(['speed', 'threshold', 'frameRate']));
    expect(widgetSchemas.map((w) => [w.schema.tag, w.kind?.name])).toEqual([
      ['lif-neuron', 'lif-neuron'],
      ['edge-of-chaos', 'edge-of-chaos'],
      ['game-of-life', 'game-of-life'],
      ['kohonen-map', 'kohonen-map'],
      ['event-camera', 'event-camera'],
    ]);
  });
});

describe('run defaults (restated apart from the lib so the page does not load it)', () => {
  it('agree with the lib’s protocol constants', async () => {
    const { EDGE_OF_CHAOS_DEFAULTS, SOM_RUN_DEFAULTS } = await import('../../../../src/chapters/brains-not-feed-forward/runs/defaults');
    const { MEMORY_CAPACITY_DEFAULTS } = await import('../../../../src/lib/dynamics/memory-capacity');
    const { RESERVOIR_PROBE_DEFAULTS } = await import('../../../../src/lib/dynamics/edge-of-chaos');
    const { SOM_DEFAULTS } = await import('../../../../src/lib/dynamics/som');
    expect(EDGE_OF_CHAOS_DEFAULTS.memory).toEqual(MEMORY_CAPACITY_DEFAULTS);
    expect(EDGE_OF_CHAOS_DEFAULTS.lyapunovWashout).toBe(RESERVOIR_PROBE_DEFAULTS.lyapunovWashout);
    expect(EDGE_OF_CHAOS_DEFAULTS.lyapunovSteps).toBe(RESERVOIR_PROBE_DEFAULTS.lyapunovSteps);
    expect(SOM_RUN_DEFAULTS).toMatchObject(SOM_DEFAULTS);
  });
});

describe('Life figure words', () => {
  it('names the menus’ patterns and says what the start and the brush do', async () => {
    const { aboutPatterns, optionLabel } = await import('../../../../src/chapters/brains-not-feed-forward/widgets/game-of-life/words');
    expect(optionLabel('gosper-gun')).toBe('gosper glider gun');
    expect(optionLabel('cell')).toBe('one cell (toggle)');
    expect(aboutPatterns('glider', 'cell')).toBe('The start pattern: five cells that move one cell diagonally every 4 generations.');
    expect(aboutPatterns('random', 'blinker')).toBe('The start: a random soup, seeded. A click stamps this pattern: three in a row, flipping between horizontal and vertical: period 2.');
    expect(aboutPatterns('glider', 'glider')).not.toContain('stamps');
  });
});
