import type { WidgetSchema } from '../../../../settings/schema';

/** A leaky integrate-and-fire neuron with adaptation and noise (or a recurrent pair), beside a static unit y = f(input). */
export const lifNeuronSchema = {
  tag: 'lif-neuron',
  reserve: { wide: 54, narrow: 85 },
  title: 'A neuron that lives in time: leaky integrate-and-fire with adaptation, beside a static unit',
  settings: [
    {
      type: 'select',
      key: 'circuit',
      label: 'Circuit',
      help: 'One neuron, or two that excite each other (each spike adds a synaptic current to the other, decaying in 50 ms).',
      options: [
        { value: 'single', label: 'One neuron' },
        { value: 'pair', label: 'Recurrent pair' },
      ],
      default: 'single',
    },
    { type: 'number', key: 'inputCurrent', label: 'Input current (nA)', help: 'Switched on from 200 to 800 ms of every 1.5 s cycle. 2 nA brings a neuron at rest just to threshold.', min: 0, max: 6, step: 0.1, default: 3, format: 'fixed2', live: true },
    { type: 'number', key: 'timeConstant', label: 'Membrane time constant τm (ms)', help: 'How fast the membrane forgets: a short τm leaks quickly and fires faster.', min: 5, max: 50, step: 1, default: 20, format: 'int', live: true },
    { type: 'number', key: 'adaptation', label: 'Adaptation step Δw (nA)', help: 'Current each spike adds to the adaptation, which then decays in 150 ms: 0 switches adaptation off.', min: 0, max: 1, step: 0.05, default: 0.5, format: 'fixed2', live: true },
    { type: 'number', key: 'noise', label: 'Membrane noise σ (mV)', help: 'Standard deviation of the random fluctuations of the membrane potential.', min: 0, max: 10, step: 0.5, default: 0.5, live: true },
    { type: 'number', key: 'bias', label: 'Intrinsic current (nA)', help: 'A current present with or without input. Above 2 nA the neuron fires on its own.', min: 0, max: 3, step: 0.1, default: 0, format: 'fixed2', live: true },
    { type: 'number', key: 'coupling', label: 'Coupling (nA per spike)', help: 'Recurrent pair only: the synaptic current each spike adds to the other neuron.', min: 0, max: 3, step: 0.1, default: 1.5, format: 'fixed2', live: true },
    {
      type: 'select',
      key: 'playback',
      label: 'Playback',
      help: 'Simulated time per second of your time.',
      options: [
        { value: '1', label: 'Real time' },
        { value: '0.25', label: 'Quarter speed' },
        { value: '0.1', label: 'Tenth speed' },
      ],
      default: '1',
      live: 'page',
    },
  ],
} as const satisfies WidgetSchema;
