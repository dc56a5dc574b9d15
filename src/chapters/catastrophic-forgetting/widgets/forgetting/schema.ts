import type { WidgetSchema } from '../../../../settings/schema';

/**
 * The methods the figure can run side by side, in their fixed colour order (palette slot = index),
 * with the schema key of each one's on/off toggle.
 */
export const FORGETTING_METHODS = [
  { key: 'plain', kind: 'sequential', label: 'Plain', help: 'Gradient descent on the current task only: the baseline that forgets.' },
  { key: 'replay', kind: 'replay', label: 'Replay', help: 'Keeps a reservoir of past examples and mixes a batch of them into every step: interleaving, the classic cure.' },
  { key: 'ewc', kind: 'ewc', label: 'EWC', help: 'Elastic weight consolidation: a spring pulls each weight back towards its old value, as stiff as the weight was important (Fisher information).' },
  { key: 'metaplastic', kind: 'metaplastic', label: 'Metaplastic BNN', help: 'A binarized network whose hidden weights grow harder to flip the further they are from zero (factor 1 − tanh²(m·W_h)).' },
] as const;

export type ForgettingMethodKey = (typeof FORGETTING_METHODS)[number]['key'];

/** The chapter's centrepiece: a stream of tasks, four ways of meeting it, one seed. */
export const forgettingSchema = {
  tag: 'forgetting-live',
  reserve: { wide: 71, narrow: 166 },
  title: 'Forgetting, live: learn task after task, and score every one',
  settings: [
    { type: 'select', key: 'stream', label: 'Tasks', help: 'Permuted MNIST: each task is MNIST with its pixels shuffled by a fixed permutation of its own. MNIST → Fashion: digits, then clothes.', options: [ { value: 'permuted', label: 'Permuted MNIST' }, { value: 'mnist-fashion', label: 'MNIST → Fashion-MNIST' } ], default: 'permuted' },
    { type: 'toggle', key: 'plain', label: 'Plain', help: FORGETTING_METHODS[0].help, default: true },
    { type: 'toggle', key: 'replay', label: 'Replay', help: FORGETTING_METHODS[1].help, default: true },
    { type: 'toggle', key: 'ewc', label: 'EWC', help: FORGETTING_METHODS[2].help, default: true },
    { type: 'toggle', key: 'metaplastic', label: 'Metaplastic BNN', help: FORGETTING_METHODS[3].help, default: true },
    { type: 'number', key: 'stepsPerTask', label: 'Steps per task', help: 'Training steps on each task before the figure moves on to the next (with automatic switching on).', min: 25, max: 2000, step: 25, default: 250, format: 'int', live: 'page' },
    { type: 'toggle', key: 'autoSwitch', label: 'Switch tasks automatically', help: 'Off: the network stays on a task until you press “Next task” (or N).', default: true, live: 'page' },
    { type: 'number', key: 'lambda', label: 'EWC strength λ', help: 'How stiff the springs are. 0 is plain training; very large values freeze the network.', min: 1, max: 100000, step: 1, default: 500, scale: 'log', format: 'int', live: true },
    { type: 'number', key: 'meta', label: 'Metaplasticity m', help: 'm = 0 is a plain binarized network. The larger m, the sooner a weight that has grown becomes hard to flip back: memory up, plasticity down.', min: 0, max: 40, step: 0.5, default: 8, live: true },
    { type: 'number', key: 'replaySize', label: 'Replay memory', help: 'How many past examples the replay method may keep, across all past tasks.', min: 100, max: 5000, step: 100, default: 1000, format: 'int' },
    { type: 'number', key: 'tasks', label: 'Number of tasks', help: 'Length of the permuted-MNIST stream (MNIST → Fashion always has two).', min: 2, max: 8, step: 1, default: 5, format: 'int' },
    { type: 'number', key: 'hidden', label: 'Hidden units', help: 'Width of both hidden layers of the MLP (plain, replay, EWC); the binarized network gets twice as many.', min: 16, max: 512, step: 16, default: 128, format: 'int' },
  ],
} as const satisfies WidgetSchema;
