/** The EqProp figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { EqPropLiveConfig } from '../../runs/eqprop-live';
import type { eqpropSchema } from './schema';

/** The β of the angle sweep (the reader's β is added to it). */
const CURVE_BETAS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
/** Relaxation steps per phase when measuring angles (damping 0.5: within 0.3° of 200 steps at β ≤ 1). */
const ANGLE_STEPS = 100;
/** Training digits the angles are measured on. */
export const PROBE = 100;

export function eqpropConfig(s: SettingsOf<typeof eqpropSchema>, seed: number): EqPropLiveConfig {
  return {
    sizes: [784, s.hidden, 10],
    freeSteps: s.freeSteps,
    nudgedSteps: s.nudgedSteps,
    beta: s.beta,
    nudging: s.nudging,
    // The widget's one learning-rate slider sets layer 1; the output layer takes half (0.08 / 0.04).
    learningRates: [s.learningRate, s.learningRate / 2],
    batchSize: 50,
    seed,
    probeSize: PROBE,
    traceIndex: s.example - 1,
    curveBetas: CURVE_BETAS,
    angleSteps: ANGLE_STEPS,
  };
}
