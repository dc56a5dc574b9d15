/** The Adversarial-attacks chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { AttackLabConfig, AttackLabSnapshot } from './runs/lab-snapshot';
import type { RobustnessSnapshot, RobustnessSweepConfig } from './runs/sweep';

export const attackLabKind = runKind<AttackLabConfig, AttackLabSnapshot>('attack-lab');
export const robustnessKind = runKind<RobustnessSweepConfig, RobustnessSnapshot>('robustness');
