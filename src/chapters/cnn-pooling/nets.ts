/**
 * The chapter's five networks and their training protocol (science.md, "CNN pooling and translation
 * invariance"): Adam 1e-3, batch 64, 3 epochs, on the 8,000 / 2,000 split of the shipped MNIST
 * training subset. The CNN variants are parameters of one spec (src/lib/nets/cnn-shapes.ts):
 *   mlp        MLP 784-128-10, ReLU: no convolution at all
 *   max        the small CNN: conv 8@5×5 → 2×2 max-pool → conv 16@5×5 → max-pool → flatten → dense 10
 *   blur       the same with MaxBlurPool (Zhang 2019) in place of each max-pool
 *   gap        the digit on a 44×44 zero canvas (8 px of background around it), conv 8@5×5 → max-pool →
 *              conv 16@5×5 → conv 32@3×3 → global average → dense 10 (the canvas keeps a feature near
 *              the edge in as many windows of the last layer as one in the middle)
 *   augmented  the small CNN trained on digits moved by a random ±2 px in x and y
 */
import type { ModelSpec } from '../../lib/engine/types';
import { SMALL_CNN, type CnnSpec } from '../../lib/nets/cnn';

export type NetId = 'mlp' | 'max' | 'blur' | 'gap' | 'augmented';
export const NET_IDS: readonly NetId[] = ['mlp', 'max', 'blur', 'gap', 'augmented'];

export interface NetDefinition {
  id: NetId;
  label: string;
  /** Random shift augmentation during training: ± this many px in x and y (0: none). */
  augment: number;
  model(classes: number): ModelSpec;
}

export const MLP_HIDDEN = 128;

const withClasses = (spec: CnnSpec, classes: number): ModelSpec => ({ kind: 'cnn', spec: { ...spec, classes } });

export const BLUR_CNN: CnnSpec = { ...SMALL_CNN, conv: SMALL_CNN.conv.map((c) => ({ ...c, pool: 'maxblur' as const })) };

export const GAP_CNN: CnnSpec = {
  imageSize: 28,
  inputChannels: 1,
  padding: 8,
  conv: [
    { filters: 8, kernel: 5, pool: 'max' },
    { filters: 16, kernel: 5, pool: 'none' },
    { filters: 32, kernel: 3, pool: 'none' },
  ],
  classes: 10,
  head: 'global-average',
};

export const NETS: Record<NetId, NetDefinition> = {
  mlp: { id: 'mlp', label: 'MLP', augment: 0, model: (classes) => ({ kind: 'mlp', sizes: [784, MLP_HIDDEN, classes], activation: 'relu' }) },
  max: { id: 'max', label: 'CNN, max-pool', augment: 0, model: (classes) => withClasses(SMALL_CNN, classes) },
  blur: { id: 'blur', label: 'CNN, MaxBlurPool', augment: 0, model: (classes) => withClasses(BLUR_CNN, classes) },
  gap: { id: 'gap', label: 'CNN, global average pool', augment: 0, model: (classes) => withClasses(GAP_CNN, classes) },
  augmented: { id: 'augmented', label: 'CNN, max-pool + ±2 px shifts', augment: 2, model: (classes) => withClasses(SMALL_CNN, classes) },
};

/** science.md's protocol. */
export const PROTOCOL = { optimizer: 'adam' as const, learningRate: 1e-3, batchSize: 64, epochs: 3, trainSize: 8000, testSize: 2000 };
