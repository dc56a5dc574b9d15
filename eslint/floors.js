// The house's floors, enforced: an import may point down the house (app → chapters → widgets/base,
// viz, runtime, settings → lib → tfjs), never up or sideways. The rule resolves each relative import
// against the importing file, so it sees where the import really lands, whatever the ../ chain.
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const rel = (p) => relative(root, p).split(sep).join('/');

/** [files under this folder, may not import from these folders, why] */
const FLOORS = [
  ['src/lib/', ['src/runtime/', 'src/viz/', 'src/widgets/', 'src/chapters/', 'src/app/', 'src/essay/', 'src/settings/'], 'src/lib imports tfjs and the lib only'],
  ['src/lib/random.ts', ['src/lib/'], 'the RNG imports nothing'],
  ['src/lib/data/', ['src/lib/nets/', 'src/lib/rules/', 'src/lib/train/', 'src/lib/classifiers/', 'src/lib/attacks/', 'src/lib/continual/', 'src/lib/engine/'], 'data sits below models and learning'],
  ['src/lib/nets/', ['src/lib/rules/', 'src/lib/train/', 'src/lib/classifiers/', 'src/lib/attacks/', 'src/lib/continual/', 'src/lib/engine/'], 'nets are models only: no learning rules, no training code'],
  ['src/lib/rules/', ['src/lib/train/', 'src/lib/classifiers/', 'src/lib/attacks/', 'src/lib/continual/', 'src/lib/engine/'], 'rules sit below the training harness'],
  ['src/viz/', ['src/lib/', 'src/runtime/', 'src/widgets/', 'src/chapters/', 'src/app/', 'src/essay/', 'src/settings/'], 'viz imports nothing of ours but itself and i18n (t())'],
  ['src/i18n/', ['src/lib/', 'src/runtime/', 'src/viz/', 'src/widgets/', 'src/chapters/', 'src/app/', 'src/essay/', 'src/settings/'], 'i18n (the catalogue and t()) imports nothing of ours'],
  ['src/settings/', ['src/lib/', 'src/runtime/', 'src/viz/', 'src/widgets/', 'src/chapters/', 'src/app/', 'src/essay/'], 'settings import nothing of ours'],
  ['src/runtime/', ['src/viz/', 'src/widgets/', 'src/chapters/', 'src/app/', 'src/essay/'], 'the runtime imports the lib and settings only: it knows no widget or chapter'],
  ['src/widgets/', ['src/chapters/', 'src/app/', 'src/essay/'], 'shared widget pieces know no chapter'],
  ['src/chapters/', ['src/app/', 'src/essay/'], 'chapters sit below the app'],
];

/** A chapter's manifest files: they alone tie the chapter to the runtime and its widgets. */
const MANIFEST = new Set(['index.ts', 'kinds.ts', 'run-kinds.ts', 'widget-schemas.ts']);

/**
 * A chapter imports no other chapter. Its computing code (runs/, tables, reproduce: everything but
 * its widgets and its manifest) imports the lib only, and the chapter's own computing code.
 */
function chapterFloors(file) {
  const m = /^src\/chapters\/([^/]+)\/(.*)$/.exec(file);
  if (!m) return [];
  const [, slug, rest] = m;
  const own = `src/chapters/${slug}/`;
  const rules = [['a chapter imports no other chapter', (target) => target.startsWith('src/chapters/') && !target.startsWith(own) && target.split('/').length > 3]];
  const computing = !rest.startsWith('widgets/') && !MANIFEST.has(rest);
  if (computing) {
    const ownComputing = (target) => target.startsWith(own) && !target.startsWith(`${own}widgets/`) && !MANIFEST.has(`${target.slice(own.length)}.ts`);
    rules.push([`a chapter's computing code (runs, tables, reproduce) imports the lib only`, (target) => target.startsWith('src/') && !target.startsWith('src/lib/') && target !== 'src/chapters/types' && !ownComputing(target)]);
  }
  return rules;
}

export const floors = {
  meta: { type: 'problem', docs: { description: 'imports point down the house only' }, schema: [] },
  create(context) {
    const file = rel(context.filename);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = rel(resolve(dirname(context.filename), spec));
      for (const [under, forbidden, why] of FLOORS) {
        if (!(file === under || file.startsWith(under))) continue;
        const hit = forbidden.find((f) => target === f.replace(/\/$/, '') || target.startsWith(f) || `${target}.ts` === f);
        if (hit) context.report({ node, message: `${file} may not import ${target}: ${why}.` });
      }
      for (const [why, bad] of chapterFloors(file)) if (bad(target)) context.report({ node, message: `${file} may not import ${target}: ${why}.` });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
