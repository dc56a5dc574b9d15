/**
 * The self-organising map table: the live run (runs/som.ts) trained on MNIST with the same seed,
 * scored on held-out test digits as it organises: quantisation and topographic error, prototype
 * distances between grid neighbours and between all pairs, and, using labels only after training,
 * how well "the label most of a unit's training digits carry" names held-out digits.
 */
import type { ByteSource } from '../../../lib/data';
import type { SelfOrganisingMap } from '../../../lib/dynamics/som';
import { SOM_RUN_DEFAULTS, SomRun, mnistInputs, type SomRunConfig } from '../runs/som';
import { fixed, markdownTable, percent, type Section } from './format';

export const SOM_PROTOCOL: SomRunConfig = { ...SOM_RUN_DEFAULTS, evalSize: 1000 };
export const SOM_QUICK: SomRunConfig = { ...SOM_RUN_DEFAULTS, rows: 6, cols: 6, steps: 3000, sigmaStart: 3, trainSize: 2000, evalSize: 300 };

/** Label each unit by the majority label of the training digits it wins, then name test digits by their unit. */
async function labelAccuracy(map: SelfOrganisingMap, source: ByteSource, trainSize: number, testSize: number): Promise<number> {
  const train = await mnistInputs(source, 'train', trainSize);
  const test = await mnistInputs(source, 'test', testSize);
  const votes = new Int32Array(map.units * 10);
  for (let i = 0; i < train.labels.length; i++) votes[map.bestMatches(train.inputs, i).best * 10 + train.labels[i]]++;
  const unitLabel = Array.from({ length: map.units }, (_, j) => {
    let best = 0;
    for (let c = 1; c < 10; c++) if (votes[j * 10 + c] > votes[j * 10 + best]) best = c;
    return best;
  });
  let correct = 0;
  for (let i = 0; i < test.labels.length; i++) if (unitLabel[map.bestMatches(test.inputs, i).best] === test.labels[i]) correct++;
  return correct / test.labels.length;
}

export async function somSection(seed: number, quick: boolean, source: ByteSource, progress: (line: string) => void): Promise<Section> {
  const config = { ...(quick ? SOM_QUICK : SOM_PROTOCOL), seed };
  const run = await SomRun.create(config, source);
  const checkpoints = quick ? [0, 300, 1000, 3000] : [0, 500, 1000, 2000, 5000, 10000, 15000, 20000];
  const rows: Array<Array<string | number>> = [];
  const history: Array<{ step: number; q: number; t: number; ratio: number }> = [];
  for (const checkpoint of checkpoints) {
    run.train(checkpoint - run.step);
    const m = run.evaluate();
    const d = run.map.neighbourDistances();
    history.push({ step: m.step, q: m.quantisationError, t: m.topographicError, ratio: d.ratio });
    rows.push([m.step.toLocaleString('en-US'), fixed(m.rate, 3), fixed(m.sigma, 2), fixed(m.quantisationError, 3), percent(m.topographicError), fixed(d.neighbours, 2), fixed(d.allPairs, 2), fixed(d.ratio, 2)]);
    progress(`  SOM step ${m.step}: QE ${fixed(m.quantisationError, 3)}, TE ${percent(m.topographicError)}, ratio ${fixed(d.ratio, 2)}`);
  }
  const accuracy = await labelAccuracy(run.map, source, config.trainSize, config.evalSize);
  const parts = [
    `### Kohonen map, ${config.rows}×${config.cols} units, on ${config.trainSize.toLocaleString('en-US')} MNIST training digits (pixels in [0, 1]); η ${config.rateStart} → ${config.rateEnd}, σ ${config.sigmaStart} → ${config.sigmaEnd} over ${config.steps.toLocaleString('en-US')} updates; scored on ${config.evalSize.toLocaleString('en-US')} test digits\n`,
    markdownTable(
      ['updates', 'η', 'σ', 'quantisation error', 'topographic error', 'distance, grid neighbours', 'distance, all pairs', 'ratio'],
      rows,
      [0, 1, 2, 3, 4, 5, 6, 7],
    ),
    `\nLabels used only after training: naming each test digit by the majority label of the training digits its unit wins gives ${percent(accuracy)} correct (chance 10%).`,
  ];
  const first = history[0];
  const last = history[history.length - 1];
  const peakTopographic = history.reduce((a, b) => (b.t > a.t ? b : a));
  return {
    markdown: parts.join('\n'),
    bands: [
      { name: 'SOM quantisation error falls during training', measured: `${fixed(first.q, 3)} → ${fixed(last.q, 3)}`, hit: last.q < first.q },
      {
        name: 'SOM topographic error falls during training',
        measured: `${percent(first.t)} → ${percent(last.t)} (highest ${percent(peakTopographic.t)} at ${peakTopographic.step})`,
        hit: last.t < first.t,
      },
      { name: 'SOM neighbours’ prototypes ≥ 2× closer than random pairs', measured: `ratio ${fixed(last.ratio, 2)}`, hit: last.ratio >= 2 },
    ],
  };
}
