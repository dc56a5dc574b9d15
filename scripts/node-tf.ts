/**
 * tfjs for Node scripts: the WASM backend (tfjs-node cannot install here: it downloads a binary),
 * falling back to the pure-JS CPU backend. `--backend=cpu` forces the CPU one.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export async function initNodeBackend(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  if (preferred === 'wasm') {
    try {
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // fall through to cpu
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
