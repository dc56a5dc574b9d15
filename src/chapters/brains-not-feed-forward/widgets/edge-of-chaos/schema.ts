import type { WidgetSchema } from '../../../../settings/schema';

/** An echo-state reservoir at the slider's spectral radius, with the memory/Lyapunov sweep behind it. */
export const edgeOfChaosSchema = {
  tag: 'edge-of-chaos',
  reserve: { wide: 49, narrow: 107 },
  title: 'The edge of chaos: a random recurrent network at spectral radius g',
  settings: [
    { type: 'number', key: 'gain', label: 'Spectral radius g', help: 'Scales the recurrent weights: below 1 the network contracts, far above it is chaotic.', min: 0, max: 2, step: 0.01, default: 0.95, live: true },
    { type: 'toggle', key: 'driven', label: 'Input on', help: 'Drive the network with a random signal u(t), uniform in [−1, 1]; off, it runs on its own.', default: true, live: true },
    { type: 'number', key: 'size', label: 'Units N', help: 'Network size. 500 is the size of our reproduction; a smaller network fills in the sweep faster.', min: 100, max: 500, step: 100, default: 500, format: 'int' },
  ],
} as const satisfies WidgetSchema;
