/**
 * What a chapter folder declares. A chapter's `reproduce.ts` exports `experiments`: each one runs
 * in Node on the lib and returns the Markdown table(s) its chapter quotes, so `npm run reproduce`
 * prints them and a unit test can run the same code at a reduced size and check science.md's bands.
 */
import type { ByteSource } from '../lib/data';

export interface ReproduceOptions {
  seed: number;
  /** A reduced size for tests and quick looks. */
  quick: boolean;
  /** An experiment-specific length (steps, epochs, trials) when given with --steps. */
  steps?: number;
  /** Any other `--name value` / `--name` flags, as given. */
  flags: Readonly<Record<string, string | boolean>>;
  /** Reads the shipped data files (public/data). */
  source: ByteSource;
  /** Progress lines (to stderr): never part of the printed table. */
  progress(line: string): void;
}

export interface ReproduceExperiment {
  /** One line: the protocol, e.g. "NTK toy (Jacot 2018): one hidden ReLU layer, 4 points on the unit circle…". */
  about: string;
  /** The Markdown the chapter quotes. */
  run(options: ReproduceOptions): Promise<string>;
}

export type ReproduceExperiments = Record<string, ReproduceExperiment>;
