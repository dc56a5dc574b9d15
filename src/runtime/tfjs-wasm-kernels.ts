/**
 * The tfjs-wasm kernels the essay runs, registered one by one instead of the package's 160
 * (`@tensorflow/tfjs-backend-wasm` registers every kernel it has, and with them the CPU backend's
 * shared kernel code: ~30 KB gzipped on every page, for kernels no chapter calls). The budget is
 * 300 KB of JavaScript + WASM per page (tests/e2e/budget.spec.ts).
 *
 * The list is every kernel the unit suite runs (recorded by wrapping tfjs' engine.runKernel over the
 * whole suite, which exercises every chapter's lib code), less Conv2DBackpropFilter, which tfjs-wasm
 * lacks (the lib's CNN computes its conv gradients with im2col). A lib change that calls a new op
 * fails loudly in the browser tests ("Kernel 'X' not registered for backend 'wasm'"): add X here.
 */
import { registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { absConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Abs';
import { addConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Add';
import { addNConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/AddN';
import { argMaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ArgMax';
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/BatchMatMul';
import { castConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast';
import { clipByValueConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ClipByValue';
import { concatConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Concat';
import { conv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Conv2D';
import { conv2DBackpropInputConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Conv2DBackpropInput';
import { equalConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Equal';
import { expConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Exp';
import { fillConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Fill';
import { gatherV2Config } from '@tensorflow/tfjs-backend-wasm/dist/kernels/GatherV2';
import { greaterEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/GreaterEqual';
import { identityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity';
import { lessConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Less';
import { lessEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LessEqual';
import { logConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Log';
import { logicalNotConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LogicalNot';
import { maxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Max';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { maxPoolGradConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPoolGrad';
import { maximumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Maximum';
import { meanConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Mean';
import { minConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Min';
import { minimumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Minimum';
import { multiplyConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Multiply';
import { negConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Neg';
import { oneHotConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/OneHot';
import { onesLikeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/OnesLike';
import { packConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pack';
import { padV2Config } from '@tensorflow/tfjs-backend-wasm/dist/kernels/PadV2';
import { powConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pow';
import { realDivConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/RealDiv';
import { reluConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Relu';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { rsqrtConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Rsqrt';
import { sigmoidConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sigmoid';
import { signConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sign';
import { sliceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Slice';
import { softmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { softplusConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softplus';
import { sqrtConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sqrt';
import { squareConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Square';
import { stepConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Step';
import { subConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sub';
import { sumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sum';
import { tanhConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Tanh';
import { transposeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Transpose';
import { unpackConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Unpack';
import { zerosLikeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ZerosLike';

export const WASM_KERNELS: readonly KernelConfig[] = [
  absConfig,
  addConfig,
  addNConfig,
  argMaxConfig,
  batchMatMulConfig,
  castConfig,
  clipByValueConfig,
  concatConfig,
  conv2DConfig,
  conv2DBackpropInputConfig,
  equalConfig,
  expConfig,
  fillConfig,
  gatherV2Config,
  greaterEqualConfig,
  identityConfig,
  lessConfig,
  lessEqualConfig,
  logConfig,
  logicalNotConfig,
  maxConfig,
  maxPoolConfig,
  maxPoolGradConfig,
  maximumConfig,
  meanConfig,
  minConfig,
  minimumConfig,
  multiplyConfig,
  negConfig,
  oneHotConfig,
  onesLikeConfig,
  packConfig,
  padV2Config,
  powConfig,
  realDivConfig,
  reluConfig,
  reshapeConfig,
  rsqrtConfig,
  sigmoidConfig,
  signConfig,
  sliceConfig,
  softmaxConfig,
  softplusConfig,
  sqrtConfig,
  squareConfig,
  stepConfig,
  subConfig,
  sumConfig,
  tanhConfig,
  transposeConfig,
  unpackConfig,
  zerosLikeConfig,
];

for (const config of WASM_KERNELS) registerKernel(config);
