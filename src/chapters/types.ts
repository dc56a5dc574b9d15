/**
 * What a chapter folder declares.
 *
 * Its manifest (`<slug>/index.ts`, listed in ./index.ts) names the chapter, its widgets' tags, its
 * run kinds' names and its schemas, each with a lazy loader: the page loads a widget's code as it
 * nears the viewport, the worker a kind's entry (`<slug>/run-kinds.ts`: live keys derived from the
 * schemas, and a create that loads the chapter's run code) when a page first asks for one.
 *
 * Its `reproduce.ts` exports `experiments`: each runs in Node on the lib and returns the Markdown
 * table(s) the chapter quotes, so `npm run reproduce` prints them and a unit test can run the same
 * code at a reduced size and check science.md's bands. It is found by its place in the folder, not
 * through the manifest, so that the browser build never bundles Node-side table code.
 */
import type { ByteSource } from '../lib/data';
import type { RunKind, RunKindEntry } from '../runtime/protocol';
import type { WidgetSchema } from '../settings/schema';

/** A widget's schema, and the run kind it trains in the worker if any (its live settings must be the kind's live keys). */
export interface WidgetSchemaEntry {
  schema: WidgetSchema;
  kind?: RunKind<object, unknown>;
}

/**
 * A chapter's manifest: names and lazy loaders only, so that the page and the worker load a chapter's
 * code when a page first needs it (a widget nearing the viewport, a run asked for).
 */
export interface Chapter {
  /** The page's file name without .html, e.g. 'feedback-alignment' (content/NN-<slug>.md). */
  slug: string;
  /** Widget tag → imports the module that defines its custom element. */
  widgets: Readonly<Record<string, () => Promise<unknown>>>;
  /** Run kind name → imports the kind's entry (live keys, create) into the worker. */
  runKinds: Readonly<Record<string, () => Promise<RunKindEntry>>>;
  /** The widgets' schemas (the essay build checks the chapters' widget tags against them). */
  schemas: () => Promise<readonly WidgetSchemaEntry[]>;
}

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
