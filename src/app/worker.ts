/**
 * The one shared training worker: tfjs runs here, the page only draws. Created by client.ts with
 * `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
import { expose } from 'comlink';
import { TrainerService } from '../runtime/service';

expose(new TrainerService());
