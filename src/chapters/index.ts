/**
 * The one list of chapters. Adding a chapter: its folder (manifest index.ts, kinds, run-kinds,
 * widget-schemas, runs, widgets, reproduce.ts), one line here and one in ./widgets.ts, and its Markdown in content/.
 */
import type { RunKindEntry } from '../runtime/protocol';
import type { Chapter, WidgetSchemaEntry } from './types';
import { introduction } from './introduction';
import { cnnPooling } from './cnn-pooling';
import { adversarialAttacks } from './adversarial-attacks';
import { catastrophicForgetting } from './catastrophic-forgetting';
import { feedbackAlignment } from './feedback-alignment';
import { exponentiatedGradient } from './exponentiated-gradient';
import { binaryCrossbar } from './binary-crossbar';
import { neuralTangentKernel } from './neural-tangent-kernel';
import { brainsNotFeedForward } from './brains-not-feed-forward';

export const chapters: readonly Chapter[] = [
  introduction,
  cnnPooling,
  adversarialAttacks,
  catastrophicForgetting,
  feedbackAlignment,
  exponentiatedGradient,
  binaryCrossbar,
  neuralTangentKernel,
  brainsNotFeedForward,
];

/** Every chapter's widgets: tag → loader of the module that defines it (the page imports it from ./widgets.ts). */
export { widgetLoaders } from './widgets';

/** Every chapter's run kinds: name → loader of its entry (the worker's registry). */
export const runKindLoaders: Readonly<Record<string, () => Promise<RunKindEntry>>> = Object.assign({}, ...chapters.map((c) => c.runKinds));

/** Every widget's schema with its run kind (the essay build validates the tags in the Markdown against them). */
export async function loadWidgetSchemas(): Promise<WidgetSchemaEntry[]> {
  return (await Promise.all(chapters.map((c) => c.schemas()))).flat();
}
