/**
 * Rehearsal from a small episodic memory (Robins 1995; Chaudhry et al. 2019, "tiny episodic memories"):
 * every step trains on the current batch concatenated with a batch replayed from a buffer of past
 * examples, approximating interleaved training on all tasks with a fixed memory.
 *
 * The buffer is a seeded reservoir (Vitter's algorithm R): the n-th example offered is kept while the
 * buffer has room, else it replaces slot j = rng.int(n) when j < capacity. After n offers every
 * offered example is in the buffer with probability capacity/n, so past tasks share the memory in
 * proportion to the examples they offered. The learner offers each training example of a task once,
 * when that task ends (so the buffer never holds the task being learnt).
 *
 * The buffer stores (task, index) pairs, not pixels: tasks.ts rebuilds any example with its task's
 * transform. No tensors are held.
 */
import type { Rng } from '../random';

export class ReplayBuffer {
  private readonly taskOf: Int32Array;
  private readonly indexOf: Int32Array;
  private filled = 0;
  private offered = 0;

  constructor(
    readonly capacity: number,
    private readonly rng: Rng,
  ) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`ReplayBuffer: capacity ${capacity} must be a non-negative integer`);
    this.taskOf = new Int32Array(capacity);
    this.indexOf = new Int32Array(capacity);
  }

  /** Examples currently held. */
  get size(): number {
    return this.filled;
  }

  /** Examples offered so far. */
  get seen(): number {
    return this.offered;
  }

  /** Offer one example (task t, dataset index i) to the reservoir. */
  offer(task: number, index: number): void {
    this.offered += 1;
    if (this.filled < this.capacity) {
      this.taskOf[this.filled] = task;
      this.indexOf[this.filled] = index;
      this.filled += 1;
      return;
    }
    const j = this.rng.int(this.offered);
    if (j < this.capacity) {
      this.taskOf[j] = task;
      this.indexOf[j] = index;
    }
  }

  /** Offer every index of `indices` (in the given order) as examples of `task`. */
  offerAll(task: number, indices: ArrayLike<number>): void {
    for (let i = 0; i < indices.length; i++) this.offer(task, indices[i]);
  }

  /** `k` distinct held examples drawn uniformly (all of them, shuffled, when k ≥ size). */
  sample(k: number): { task: Int32Array; index: Int32Array } {
    const n = this.filled;
    const m = Math.min(Math.max(0, Math.floor(k)), n);
    const slots = Int32Array.from({ length: n }, (_, i) => i);
    // Partial Fisher–Yates: the first m slots become a uniform sample without replacement.
    for (let i = 0; i < m; i++) {
      const j = i + this.rng.int(n - i);
      const tmp = slots[i];
      slots[i] = slots[j];
      slots[j] = tmp;
    }
    const task = new Int32Array(m);
    const index = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      task[i] = this.taskOf[slots[i]];
      index[i] = this.indexOf[slots[i]];
    }
    return { task, index };
  }

  /** How many held examples belong to each task 0..numTasks-1. */
  countByTask(numTasks: number): number[] {
    const counts = new Array<number>(numTasks).fill(0);
    for (let i = 0; i < this.filled; i++) counts[this.taskOf[i]] += 1;
    return counts;
  }
}
