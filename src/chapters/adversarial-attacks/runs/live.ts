/**
 * The Adversarial-attacks chapter's worker runs, in the shape the worker's registry expects
 * (src/runtime/run-kinds.ts: step, train, evaluate, update, samples, dispose): the attack lab
 * (adversarial-lab-session.ts) and the robustness curves (adversarial-sweep.ts). The worker imports
 * this module only when a page first asks for one of them.
 */
import { CLASS_NAMES, fetchSource, type ByteSource } from '../../../lib/data';
import { AttackLabSession } from './lab-session';
import type { AttackLabConfig, AttackLabSettings, AttackLabSnapshot } from './lab-snapshot';
import { RobustnessSweep, type RobustnessSnapshot, type RobustnessSweepConfig } from './sweep';

export interface LiveRun<C, M> {
  readonly step: number;
  train(steps: number): { step: number; loss: number; diverged: boolean };
  evaluate(): M;
  update(partial: Partial<C>): void;
  samples?(count: number): Promise<{ count: number; rows: number; cols: number; images: Uint8Array; labels: Uint8Array; classNames: readonly string[] }>;
  dispose(): void;
}

function settingsOf({ modelsUrl, ...settings }: AttackLabConfig): AttackLabSettings {
  void modelsUrl;
  return settings;
}

export async function attackLabRun(config: AttackLabConfig, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<LiveRun<AttackLabConfig, AttackLabSnapshot>> {
  const session = await AttackLabSession.create(settingsOf(config), { data, models });
  return {
    get step() {
      return session.step;
    },
    train: (steps) => session.train(steps),
    evaluate: () => session.snapshot(),
    update: (partial) => session.update(partial),
    async samples(count) {
      const { images, labels } = session.galleryImages(count);
      return { count: labels.length, rows: 28, cols: 28, images, labels, classNames: CLASS_NAMES.mnist };
    },
    dispose: () => session.dispose(),
  };
}

export async function robustnessRun(config: RobustnessSweepConfig, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<LiveRun<RobustnessSweepConfig, RobustnessSnapshot>> {
  const sweep = await RobustnessSweep.create(config, { data, models });
  return {
    get step() {
      return sweep.step;
    },
    train: (steps) => sweep.train(steps),
    evaluate: () => sweep.snapshot(),
    update: () => undefined,
    dispose: () => sweep.dispose(),
  };
}
