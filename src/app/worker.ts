/**
 * The one shared training worker: tfjs runs here, the page only draws. It can build every
 * chapter's run kinds; each chapter's run code loads the first time a page asks for one of its kinds.
 * Started by the page entry (./page.ts) through the runtime's setTrainerWorker.
 */
import { expose } from 'comlink';
import { runKindLoaders } from '../chapters';
import { lazyRunKinds } from '../runtime/protocol';
import { TrainerService } from '../runtime/service';

expose(new TrainerService({ kinds: lazyRunKinds(runKindLoaders) }));
