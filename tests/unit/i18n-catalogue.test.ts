// The French catalogue (src/i18n/fr.ts) covers what the widgets show through shared code: every
// schema string of every widget (title, labels, help, option labels) and every literal passed to
// t() anywhere in src/ (the widgets' base, viz, and the widgets translated in their own code), with
// no empty entry and the same {placeholders} as the English. The tiny t() itself is tested here too.
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWidgetSchemas } from '../../src/chapters';
import { fr, mergeCatalogues } from '../../src/i18n/fr';
import { groupNumber, localNumber, resetMessages, t } from '../../src/i18n/t';

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every string literal passed as t()'s first argument in src/ ('…' or "…" or `…` without ${}). */
function tLiterals(): Map<string, string> {
  const found = new Map<string, string>();
  const call = /\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`)/g;
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('i18n/t')) continue;
    for (const m of text.matchAll(call)) {
      const raw = m[1] ?? m[2] ?? m[3];
      const value = raw.replace(/\\(['"\\])/g, '$1').replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      found.set(value, path.relative(root, file));
    }
  }
  return found;
}

async function schemaStrings(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const { schema } of await loadWidgetSchemas()) {
    const add = (s: string | undefined) => s && found.set(s, `<${schema.tag}>`);
    add(schema.title);
    for (const s of schema.settings) {
      add(s.label);
      add(s.help);
      if (s.type === 'select') for (const o of s.options) add(o.label);
    }
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the French catalogue', () => {
  it('translates every schema string of every widget', async () => {
    const strings = await schemaStrings();
    const missing = [...strings].filter(([s]) => !fr[s]).map(([s, where]) => `${where}: ${s}`);
    const covered = strings.size - missing.length;
    console.log(`schema strings: ${covered}/${strings.size} translated (${((100 * covered) / strings.size).toFixed(1)}%)`);
    expect(missing).toEqual([]);
  });

  it("translates every literal passed to t() in src/, keeping its {placeholders}", () => {
    const literals = tLiterals();
    expect(literals.size).toBeGreaterThan(50);
    const missing = [...literals].filter(([s]) => !fr[s]).map(([s, where]) => `${where}: ${s}`);
    console.log(`t() literals: ${literals.size - missing.length}/${literals.size} translated; catalogue entries: ${Object.keys(fr).length}`);
    expect(missing).toEqual([]);
    const wrong = [...literals.keys()].filter((s) => fr[s] && placeholders(fr[s]).join() !== placeholders(s).join());
    expect(wrong).toEqual([]);
  });

  it('has no empty entry', () => {
    expect(Object.entries(fr).filter(([k, v]) => !k.trim() || !v.trim())).toEqual([]);
  });
});

describe('the catalogue parts (src/i18n/fr/)', () => {
  it('merge into one; the same key with two different translations is an error naming both parts', () => {
    expect(mergeCatalogues({ a: { Step: 'Un pas', Reset: 'Réinitialiser' }, b: { Step: 'Un pas' } })).toEqual({ Step: 'Un pas', Reset: 'Réinitialiser' });
    expect(() => mergeCatalogues({ a: { Step: 'Un pas' }, b: { Step: 'Pas' } })).toThrow(/"Step" is "Un pas" in a and "Pas" in b/);
  });
});

describe('t()', () => {
  afterEach(() => {
    resetMessages();
    Reflect.deleteProperty(globalThis, 'document');
  });

  const page = (lang: string, messages?: Record<string, string>) => {
    const json = messages ? `<script type="application/json" id="lm-messages">${JSON.stringify(messages)}</script>` : '';
    const dom = new JSDOM(`<!doctype html><html lang="${lang}"><head>${json}</head><body></body></html>`);
    (globalThis as { document?: Document }).document = dom.window.document;
    resetMessages();
  };

  it('gives the English back on a page without a catalogue, and fills in values', () => {
    page('en');
    expect(t('Play')).toBe('Play');
    expect(t('Scene {n} of {total}', { n: 2, total: 5 })).toBe('Scene 2 of 5');
    expect(localNumber('0.25')).toBe('0.25');
    expect(groupNumber(12345)).toBe('12,345');
  });

  it("reads a French page's catalogue, falls back to English for a missing entry, writes French numbers", () => {
    page('fr', { Play: 'Lecture', 'Scene {n} of {total}': 'Scène {n} sur {total}' });
    expect(t('Play')).toBe('Lecture');
    expect(t('Scene {n} of {total}', { n: 2, total: 5 })).toBe('Scène 2 sur 5');
    expect(t('Not in it')).toBe('Not in it');
    expect(localNumber('0.25 and 1e-4')).toBe('0,25 and 1e-4');
    expect(groupNumber(12345)).toMatch(/^12\s345$/u);
  });
});
