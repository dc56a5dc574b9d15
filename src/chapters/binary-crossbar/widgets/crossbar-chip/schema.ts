import type { WidgetSchema } from '../../../../settings/schema';

/** The shipped binarized net on a simulated 2T2R crossbar: device spread, bit errors, stuck devices, ternary read, devices broken by hand. */
export const chipSchema = {
  tag: 'crossbar-chip',
  reserve: { wide: 59, narrow: 109 },
  title: 'A binarized network on a 2T2R crossbar: try to break it',
  settings: [
    {
      type: 'select',
      key: 'net',
      label: 'Network',
      help: 'The chapter’s shipped 784-512-512-10 networks, trained the standard way or with random sign flips (BER 0.05) during training; or the standard one retrained here, in your browser, from this seed (5 epochs, about 600 steps).',
      options: [
        { value: 'standard', label: 'Standard training' },
        { value: 'error-aware', label: 'Error-aware training' },
        { value: 'retrain', label: 'Retrain here (standard, this seed)' },
      ],
      default: 'standard',
    },
    { type: 'number', key: 'sigma', label: 'Device spread σ (ln R)', help: 'Spread of ln R in both states around 5 kΩ and 50 kΩ. Our model’s bit error rate is Φ(−ln 10 / (σ√2)).', min: 0, max: 3, step: 0.05, default: 0.3, format: 'fixed2', live: true },
    { type: 'number', key: 'ber', label: 'Extra bit errors', help: 'Each weight read is also flipped with this probability (errors injected after the read).', min: 0, max: 0.5, step: 0.005, default: 0, format: 'percent', live: true },
    { type: 'number', key: 'stuck', label: 'Stuck devices', help: 'Fraction of devices stuck at low or high resistance (half each), whatever was written.', min: 0, max: 0.5, step: 0.01, default: 0, format: 'percent', live: true },
    { type: 'number', key: 'margin', label: 'Ternary margin', help: 'Pairs whose log-resistances are closer than this fraction of the window ln 10 read 0. At 0 the read is binary.', min: 0, max: 0.75, step: 0.05, default: 0, format: 'fixed2', live: true },
    { type: 'number', key: 'digit', label: 'Digit shown', help: 'Which test digit the chip reads (and the window’s currents are drawn for).', min: 1, max: 500, step: 1, default: 1, format: 'int', live: true },
    { type: 'number', key: 'testDigits', label: 'Test digits scored', help: 'The accuracy counter scores the chip on this many MNIST test digits after recalibrating batch norm.', min: 500, max: 10000, step: 500, default: 1000, format: 'int' },
  ],
} as const satisfies WidgetSchema;
