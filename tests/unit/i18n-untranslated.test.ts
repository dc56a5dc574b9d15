// Untranslated widget text (issue: French pages showed English status lines, legends and stats). The
// catalogue test checks what goes through t(); this one looks for what does not: every string literal
// in a widget's own code (src/chapters/*/widgets, the widgets' base, the viz) that reads as English
// words must be a key of the French catalogue (a label the shared code passes through t()), or be
// wrapped in t('… {param} …', { param }) (then the catalogue test checks its entry). Template
// literals count with their ${…} parts removed, so `step ${n} of ${total}` is caught.
// Files not yet translated are listed in PENDING; the test fails when one of them becomes clean, so
// the list only shrinks.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr';

const root = new URL('../..', import.meta.url).pathname;

/** Files whose own strings are still English on French pages (to translate; remove as they are done).
 * Empty since stop 25: every widget file's text goes through t(); a new file with English fails the test. */
const PENDING = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

function widgetFiles(): string[] {
  const chapters = path.join(root, 'src/chapters');
  const widgets = fs.readdirSync(chapters, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(chapters, e.name, 'widgets')));
  return [
    ...widgets.flatMap((e) => sourceFiles(path.join(chapters, e.name, 'widgets'))),
    ...sourceFiles(path.join(root, 'src/widgets/base')),
    ...sourceFiles(path.join(root, 'src/viz')),
  ]
    .filter((p) => !p.endsWith('/schema.ts'))
    .map((p) => path.relative(root, p))
    .sort();
}

/** Blank out comments, keeping string literals (a // inside a string is not a comment). */
function stripComments(text: string): string {
  return text.replace(/('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, literal: string | undefined) => literal ?? m.replace(/[^\n]/g, ' '));
}

const LITERAL = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
/**
 * Literals that read as English but are translated elsewhere: the prompts and options are rendered with a
 * constant (LOSS_POINTS, SAME_ACCURACY_POINTS) and PredictionBox passes the rendered text through t(), whose key is in fr.ts.
 */
const ALLOWED = new Set<string>([
  'src/chapters/binary-crossbar/widgets/quantize-prune/element.ts: Without fine-tuning, at how many bits per weight does the network first lose more than ${LOSS_POINTS} points of accuracy?',
  'src/chapters/binary-crossbar/widgets/quantize-prune/element.ts: Without fine-tuning, how many of its weights (the smallest first) can go before it loses more than ${LOSS_POINTS} points?',
  'src/chapters/exponentiated-gradient/widgets/eg-weights/series.ts: About as well (within ${SAME_ACCURACY_POINTS} points)',
]);

/** Code, not prose: CSS values, selectors, SVG paths, class lists, URLs. */
const NOT_PROSE = [
  /^\s*[.#[]/, // a selector
  /\b(?:var|translate|rotate|scale|repeat|minmax|hsla?|rgba?|linear-gradient|url|calc)\(/,
  /sans-serif|monospace|pixelated|image\/|application\/|\bsvg\b/,
  /^[a-z][\w-]*\s*:\s*[^\s]/, // a CSS declaration
  /^(?=.*-)[a-z][a-z0-9-]*(?:\s+[a-z][a-z0-9-]*)*\s*$/, // class names
  /^\(prefers-|^<\?xml/, // a media query, an XML header
];

/** The English-looking literals of one file that are neither catalogue keys nor t()'s first argument. */
function englishLiterals(file: string): string[] {
  const text = stripComments(fs.readFileSync(path.join(root, file), 'utf8'));
  const found: string[] = [];
  for (const m of text.matchAll(LITERAL)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    const before = text.slice(Math.max(0, m.index! - 40), m.index);
    if (/\bt\(\s*$/.test(before)) continue; // t('…'): the catalogue test's business
    if (/\b(?:from|import)\s*$|\bimport\(\s*$|\bnew Error\(\s*$|\bthrow\s*$|\bt\(\s*\w+\s*\?\s*$|querySelector(?:All)?(?:<[^>]*>)?\(\s*$|\bcustomElements\.\w+\(\s*$/.test(before)) continue;
    const value = raw.replace(/\\(['"\\`])/g, '$1');
    if (fr[value] || ALLOWED.has(`${file}: ${value}`)) continue;
    const words = value.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, ' ');
    if (!/[A-Za-z]{2,}[ ,;:'’]+[A-Za-z]{2,}/.test(words)) continue;
    if (NOT_PROSE.some((re) => re.test(words.trim()))) continue;
    found.push(value.length > 90 ? `${value.slice(0, 90)}…` : value);
  }
  return found;
}

describe('untranslated widget text', () => {
  const files = widgetFiles();

  it('finds widget code to read', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const f of PENDING) expect(files, `${f} is listed in PENDING but does not exist`).toContain(f);
  });

  it('has no English-looking string outside t() and the catalogue, except in the files still pending', () => {
    const report = files.filter((f) => !PENDING.has(f)).flatMap((f) => englishLiterals(f).map((s) => `${f}: ${s}`));
    expect(report).toEqual([]);
  });

  it('lists only files that still have English in PENDING', () => {
    const clean = [...PENDING].filter((f) => englishLiterals(f).length === 0);
    const left = [...PENDING].reduce((n, f) => n + englishLiterals(f).length, 0);
    console.log(`pending: ${PENDING.size} files, ${left} English strings left`);
    expect(clean).toEqual([]);
  });
});
