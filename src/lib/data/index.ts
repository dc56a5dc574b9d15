// The data loaders' public names. source-node.ts (Node only, node:fs) is deliberately left out:
// import it directly from './data/source-node' in scripts and tests.
export { parseIdx, encodeIdx } from './idx';
export { maybeGunzip, isGzip } from './gzip';
export {
  CLASS_NAMES,
  DATASET_NAMES,
  SPLITS,
  TRAIN_SUBSET_PER_CLASS,
  TRAIN_SUBSET_SEED,
  balancedIndices,
  datasetFiles,
  fetchSource,
  loadDataset,
} from './datasets';
export type { ByteSource, DatasetName, ImageDataset, Split } from './datasets';
export { BatchSampler, subsetIndices, toTensors } from './batches';
export { toyRings } from './toy';
