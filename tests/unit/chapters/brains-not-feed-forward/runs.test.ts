// The chapter's live runs: step, evaluate, update (live keys only), dispose; deterministic by seed;
// metrics that survive structured cloning (they cross postMessage).
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../../src/lib/data/source-node';
import { NEURON_DEFAULTS, NeuronRun } from '../../../../src/chapters/brains-not-feed-forward/runs/neuron';
import { EDGE_OF_CHAOS_DEFAULTS, EdgeOfChaosRun, type EdgeOfChaosConfig } from '../../../../src/chapters/brains-not-feed-forward/runs/edge-of-chaos';
import { LIFE_DEFAULTS, LifeRun } from '../../../../src/chapters/brains-not-feed-forward/runs/life';
import { SOM_RUN_DEFAULTS, SomRun } from '../../../../src/chapters/brains-not-feed-forward/runs/som';
import { EVENT_CAMERA_DEFAULTS, EventCameraRun } from '../../../../src/chapters/brains-not-feed-forward/runs/event-camera';
import { dynamicsRunKinds } from '../../../../src/chapters/brains-not-feed-forward/runs';
import { reservoirSweep } from '../../../../src/chapters/brains-not-feed-forward/tables/reservoir';

const cloned = <T>(value: T): T => structuredClone(value);

describe('neuron run', () => {
  it('steps 0.1 ms at a time, adapts within a stimulus, and is deterministic by seed', () => {
    const a = new NeuronRun(NEURON_DEFAULTS);
    const b = new NeuronRun(NEURON_DEFAULTS);
    const result = a.train(15000); // one 1.5 s cycle
    b.train(15000);
    expect(result.step).toBe(15000);
    expect(result.diverged).toBe(false);
    const m = a.evaluate();
    expect(cloned(m)).toEqual(m);
    expect(m).toEqual(b.evaluate());
    expect(m.time).toBeCloseTo(1500, 6);
    expect(m.voltage[0].length).toBe(3000); // 1.5 s at 0.5 ms per sample
    expect(m.lastCycle).not.toBeNull();
    expect(m.lastCycle!.steady).toBeLessThan(0.7 * m.lastCycle!.onset); // adaptation b = 0.5 nA
    expect(m.lastCycle!.after).toBe(0);
    expect(new NeuronRun({ ...NEURON_DEFAULTS, seed: 2 }).train(15000)).toBeDefined();
    a.dispose();
  });

  it('applies live keys mid-run: no adaptation keeps the rate; the pair persists after its input', () => {
    const run = new NeuronRun(NEURON_DEFAULTS);
    run.update({ adaptation: 0, cycle: 99 }); // cycle is not live: ignored
    run.train(15000);
    const cycle = run.evaluate().lastCycle!;
    expect(Math.abs(cycle.steady - cycle.onset) / cycle.onset).toBeLessThan(0.1);
    const pair = new NeuronRun({ ...NEURON_DEFAULTS, circuit: 'pair', adaptation: 0 });
    pair.train(15000);
    const p = pair.evaluate();
    expect(p.voltage.length).toBe(2);
    expect(p.lastCycle!.after).toBeGreaterThan(20);
    pair.update({ coupling: 0 });
    pair.train(15000);
    expect(pair.evaluate().lastCycle!.after).toBe(0);
  });

  it('fires tonically without input when the intrinsic current is above threshold', () => {
    const run = new NeuronRun({ ...NEURON_DEFAULTS, inputCurrent: 0, bias: 2.5, adaptation: 0 });
    expect(run.train(5000).loss).toBeGreaterThan(20);
  });
});

describe('edge-of-chaos run', () => {
  const small: EdgeOfChaosConfig = {
    ...EDGE_OF_CHAOS_DEFAULTS,
    size: 40,
    sweepGains: [0.5, 1.5],
    memory: { maxDelay: 20, washout: 30, train: 300, test: 200, ridge: 1e-7 },
    lyapunovWashout: 50,
    lyapunovSteps: 100,
    sweepWork: 10,
  };

  it('runs the reproduce sweep over its steps and gets the same numbers', () => {
    const run = new EdgeOfChaosRun(small);
    run.train(200);
    const m = run.evaluate();
    expect(m.sweepProgress).toBe(1);
    const reference = reservoirSweep(small.seed, small).points;
    m.sweep.forEach((p, i) => {
      expect(p.capacity).toBe(reference[i].capacity);
      expect(p.lyapunovDriven).toBe(reference[i].lyapunovDriven);
      expect(p.lyapunovAutonomous).toBe(reference[i].lyapunovAutonomous);
    });
    expect(m.sweep[0].capacity).toBeGreaterThan(m.sweep[1].capacity);
    expect(cloned(m)).toEqual(m);
  });

  it('live gain: activity dies out below 1 without input and the Lyapunov estimate turns positive above', () => {
    const run = new EdgeOfChaosRun({ ...small, sweepWork: 0, gain: 0.6, driven: false });
    run.train(300);
    const quiet = run.evaluate();
    expect(quiet.activity).toBeLessThan(1e-6);
    expect(quiet.lyapunov).toBeCloseTo(Math.log(0.6), 1);
    run.update({ gain: 2, driven: true });
    run.train(300);
    const chaotic = run.evaluate();
    expect(chaotic.gain).toBe(2);
    expect(chaotic.lyapunov).toBeGreaterThan(0);
    expect(chaotic.activity).toBeGreaterThan(0.1);
    expect(chaotic.traces).toHaveLength(small.traceUnits);
    expect(chaotic.traces[0].length).toBe(small.window);
    const again = new EdgeOfChaosRun({ ...small, sweepWork: 0, gain: 0.6, driven: false });
    again.train(300);
    again.update({ gain: 2, driven: true });
    again.train(300);
    expect(again.evaluate()).toEqual(chaotic);
  });
});

describe('life run', () => {
  it('accepts edits through update and steps generations', () => {
    const run = new LifeRun({ ...LIFE_DEFAULTS, width: 10, height: 10, start: 'empty' });
    run.update({ toggles: [[4, 5], [5, 5], [6, 5]] }); // a blinker
    expect(run.evaluate().population).toBe(3);
    run.train(1);
    const vertical = run.evaluate();
    expect([4, 5, 6].map((y) => vertical.cells[y * 10 + 5])).toEqual([1, 1, 1]);
    expect(vertical.cells[5 * 10 + 4]).toBe(0);
    run.train(1);
    expect([4, 5, 6].map((x) => run.evaluate().cells[5 * 10 + x])).toEqual([1, 1, 1]);
    run.update({ clear: true, place: { pattern: 'glider', x: 0, y: 0 } });
    expect(run.evaluate().population).toBe(5);
    expect(run.evaluate().populationHistory.at(-1)).toBe(5);
    expect(run.train(4)).toEqual({ step: 6, loss: 5, diverged: false });
    expect(cloned(run.evaluate())).toEqual(run.evaluate());
    run.dispose();
  });

  it('random soups are deterministic by seed', () => {
    const a = new LifeRun({ ...LIFE_DEFAULTS, start: 'random' });
    const b = new LifeRun({ ...LIFE_DEFAULTS, start: 'random' });
    a.train(50);
    b.train(50);
    expect(a.evaluate()).toEqual(b.evaluate());
    expect(new LifeRun({ ...LIFE_DEFAULTS, start: 'random', seed: 2 }).evaluate().cells).not.toEqual(a.evaluate().cells);
  });
});

describe('kohonen-map run', () => {
  const tiny = { ...SOM_RUN_DEFAULTS, rows: 4, cols: 4, steps: 600, sigmaStart: 2, trainSize: 300, evalSize: 100 };

  it('organises MNIST digits: errors fall, neighbours closer than random pairs; deterministic by seed', async () => {
    const run = await SomRun.create(tiny, nodeSource());
    const start = run.evaluate();
    run.train(600);
    const end = run.evaluate();
    expect(end.quantisationError).toBeLessThan(start.quantisationError);
    expect(end.topographicError).toBeLessThan(start.topographicError);
    expect(end.neighbourRatio).toBeGreaterThan(1.5);
    expect(end.prototypes.length).toBe(16 * 784);
    expect(end.history.map((h) => h.step)).toEqual([0, 600]);
    expect(cloned(end)).toEqual(end);
    const again = await SomRun.create(tiny, nodeSource());
    again.evaluate();
    again.train(600);
    expect(again.evaluate()).toEqual(end);
    run.dispose();
  });
});

describe('event-camera run', () => {
  it('turns the moving digit into events, counts frames, applies live keys, deterministic by seed', async () => {
    const run = await EventCameraRun.create(EVENT_CAMERA_DEFAULTS, nodeSource());
    const first = run.train(400); // the digit is well inside the field by 0.3 s
    expect(first.loss).toBeGreaterThan(0);
    const m = run.evaluate();
    expect(m.onEvents).toBeGreaterThan(0);
    expect(m.offEvents).toBeGreaterThan(0);
    expect(m.frames).toBe(Math.floor(400 / (1000 / 30)) + 1);
    expect(m.events.t.every((t) => t >= 400 - EVENT_CAMERA_DEFAULTS.eventWindow && t <= 400)).toBe(true);
    expect(cloned(m)).toEqual(m);
    const again = await EventCameraRun.create(EVENT_CAMERA_DEFAULTS, nodeSource());
    again.train(400);
    expect(again.evaluate()).toEqual(m);
    run.update({ speed: 0 });
    run.train(50);
    expect(run.train(50).loss).toBe(0); // a still scene: no events
    run.dispose();
  });
});

describe('run kinds', () => {
  it('lists the five runs with live keys that are keys of their defaults', async () => {
    expect(Object.keys(dynamicsRunKinds).sort()).toEqual(['edge-of-chaos', 'event-camera', 'game-of-life', 'kohonen-map', 'lif-neuron']);
    for (const kind of Object.values(dynamicsRunKinds)) for (const key of kind.liveKeys) expect(Object.keys(kind.defaults).concat(['toggles', 'place', 'clear'])).toContain(key);
    const life = await dynamicsRunKinds['game-of-life'].create({ ...LIFE_DEFAULTS, start: 'glider' }, nodeSource());
    expect(life.train(4).loss).toBe(5);
  });
});
