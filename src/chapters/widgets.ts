/**
 * The page's registry: every chapter's widget tag → loader of the module that defines it. It imports
 * only the manifests' `widgets`, so the page bundles neither the run kinds' loaders (the worker's) nor
 * the schemas' (the build's); ./index.ts's `widgetLoaders` is this same object, and a unit test
 * checks that it holds every chapter's widgets.
 */
import { widgets as introduction } from './introduction';
import { widgets as cnnPooling } from './cnn-pooling';
import { widgets as adversarialAttacks } from './adversarial-attacks';
import { widgets as catastrophicForgetting } from './catastrophic-forgetting';
import { widgets as feedbackAlignment } from './feedback-alignment';
import { widgets as exponentiatedGradient } from './exponentiated-gradient';
import { widgets as binaryCrossbar } from './binary-crossbar';
import { widgets as neuralTangentKernel } from './neural-tangent-kernel';
import { widgets as brainsNotFeedForward } from './brains-not-feed-forward';

export const widgetLoaders: Readonly<Record<string, () => Promise<unknown>>> = {
  ...introduction,
  ...cnnPooling,
  ...adversarialAttacks,
  ...catastrophicForgetting,
  ...feedbackAlignment,
  ...exponentiatedGradient,
  ...binaryCrossbar,
  ...neuralTangentKernel,
  ...brainsNotFeedForward,
};
