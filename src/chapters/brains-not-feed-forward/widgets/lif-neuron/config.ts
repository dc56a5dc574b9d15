/** The neuron figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import { NEURON_DEFAULTS } from '../../runs/defaults';
import type { NeuronConfig } from '../../runs/neuron';
import type { lifNeuronSchema } from './schema';

export function lifNeuronConfig(s: SettingsOf<typeof lifNeuronSchema>, seed: number): NeuronConfig {
  return {
    ...NEURON_DEFAULTS,
    seed,
    circuit: s.circuit,
    inputCurrent: s.inputCurrent,
    timeConstant: s.timeConstant,
    adaptation: s.adaptation,
    noise: s.noise,
    bias: s.bias,
    coupling: s.coupling,
  };
}
