/** `npm run reproduce -- fa-linear | fa-mnist | forward-forward | eqprop`: the tables the chapter quotes. */
import type { ReproduceExperiments } from '../types';
import { formatEqProp, formatFaLinear, formatFaMnist, formatForwardForward } from './format';
import { EQPROP_DEFAULTS, eqpropTable, type EqPropTable } from './runs/eqprop';
import { FORWARD_FORWARD_DEFAULTS, forwardForwardTable } from './runs/forward-forward';
import { FA_LINEAR_DEFAULTS, faLinearTable } from './runs/linear';
import { FA_MNIST_DEEP, FA_MNIST_DEFAULTS, faMnistTable } from './runs/mnist';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const experiments: ReproduceExperiments = {
  'fa-linear': {
    about: 'Feedback alignment, Lillicrap Fig. 1: 30-20-10 linear net learns y = Tx online (SGD 0.005, W ~ U(±0.01), B ~ U(±0.5)); normalised test error and FA angle.',
    async run({ steps, seed, quick }) {
      const last = steps ?? (quick ? 1000 : 5000);
      const checkpoints = [0, 10, 100, 200, 500, 1000, 5000].filter((c) => c < last).concat(last);
      const config = { ...FA_LINEAR_DEFAULTS, seed };
      return formatFaLinear(faLinearTable(config, checkpoints), config.rules);
    },
  },
  'fa-mnist': {
    about: 'Feedback alignment on MNIST (8,000 train / 2,000 test of the shipped subset): 784-256-10 tanh, SGD 0.05, batch 32, 5 epochs; then 784-256-256-10, Adam 1e-3, batch 64.',
    async run({ steps, seed, quick, source }) {
      const epochs = steps ?? (quick ? 2 : 5);
      const size = quick ? { trainSize: 2000, testSize: 1000 } : {};
      const angleSteps = [0, 50, 100, 200, 400, 1200];
      const shallow = await faMnistTable({ ...FA_MNIST_DEFAULTS, ...size, ...(quick ? { hidden: [128] } : {}), seed }, epochs, angleSteps, source);
      const deep = await faMnistTable({ ...FA_MNIST_DEEP, ...size, ...(quick ? { hidden: [128, 128] } : {}), seed }, epochs, [0, 100, 400], source);
      return [
        `## 784-${quick ? 128 : 256}-10 tanh, SGD 0.05, batch 32\n`,
        formatFaMnist(shallow),
        `\n## 784-${quick ? '128-128' : '256-256'}-10 tanh, Adam 1e-3, batch 64\n`,
        formatFaMnist(deep),
      ].join('\n');
    },
  },
  'forward-forward': {
    about: 'Forward-forward (Hinton 2022): 784-500-500 ReLU, θ = 2, Adam 0.03, batch 100, W ~ N(0, 1.41²); 8,000 / 2,000 MNIST split; test accuracy per epoch.',
    async run({ steps, seed, quick, source }) {
      const epochs = steps ?? (quick ? 2 : 10);
      const size = quick ? { trainSize: 2000, testSize: 1000 } : {};
      return formatForwardForward(await forwardForwardTable({ ...FORWARD_FORWARD_DEFAULTS, ...size, seed }, epochs, source));
    },
  },
  eqprop: {
    about:
      'Equilibrium propagation (Scellier & Bengio 2017; Laborieux 2021): 784-512-10, T1 = 30, T2 = 10, β = 0.1 random sign, SGD 0.08/0.04, batch 50; accuracy per epoch, then, on the first 1,000 training digits with both phases relaxed to convergence, the angle to the true gradient vs β and how far the +β and −β phases move the output; then the same with Laborieux\'s softmax readout (cross-entropy, the output outside the energy).',
    async run({ steps, seed, quick, source }) {
      const epochs = steps ?? (quick ? 1 : 3);
      const size = quick ? { trainSize: 2000, testSize: 1000 } : {};
      // 1,000 digits: on 100, the summed gradient is dominated by the few misfit digits and the angle
      // swings by several degrees from one batch of 100 to the next.
      const betas = [0.01, 0.05, 0.1, 0.2, 0.5, 1];
      const shifts = (table: EqPropTable, output: string) =>
        `| β | +β phase: ${output} ‖s^β − s⁰‖ | −β phase: ${output} ‖s^−β − s⁰‖ |\n| ---: | ---: | ---: |\n` +
        table.betas.map((b, i) => `| ${b} | ${table.plusShift[i].toFixed(3)} | ${table.minusShift[i].toFixed(3)} |`).join('\n');
      const table = await eqpropTable({ ...EQPROP_DEFAULTS, ...size, seed, probeSize: 1000 }, epochs, betas, source);
      // Laborieux et al.'s softmax readout: the 512 hidden units settle in the energy, the 10 outputs are
      // a readout softmax(W s_h) outside it, trained on the cross-entropy; the nudge is −β ∂L/∂s_h.
      const readout = await eqpropTable({ ...EQPROP_DEFAULTS, ...size, seed, probeSize: 1000, loss: 'softmax-readout' }, epochs, betas, source);
      return [
        "Squared error on the sigmoid outputs (the widget's network):\n",
        formatEqProp(table),
        `\n${shifts(table, 'output moves')}`,
        '\nSoftmax readout outside the energy, cross-entropy loss (same training otherwise):\n',
        `| epoch | test accuracy | test loss (cross-entropy) |\n| ---: | ---: | ---: |`,
        ...readout.accuracy.map((m) => `| ${m.epoch.toFixed(0)} | ${pct(m.testAccuracy)} | ${m.testLoss.toFixed(4)} |`),
        `\n| β | one-sided: angle to true gradient | symmetric ±β: angle to true gradient |\n| ---: | ---: | ---: |`,
        ...readout.betas.map((b, i) => `| ${b} | ${readout.oneSided[i].toFixed(1)}° | ${readout.symmetric[i].toFixed(1)}° |`),
        `\n${shifts(readout, 'logits move')}`,
      ].join('\n');
    },
  },
};
