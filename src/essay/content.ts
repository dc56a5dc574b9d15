/** Reads the content folder from disk (Node only): the Markdown sources and the bibliography. */
import fs from 'node:fs';
import path from 'node:path';
import { parseBibliography, type Bibliography } from './bibliography.ts';
import type { SourceFile } from './site.ts';

export const BIBLIOGRAPHY_FILE = 'references.json';
/** The French edition's folder inside the content folder. */
export const FRENCH_DIR = 'fr';

export interface Content {
  files: SourceFile[];
  /** The French edition: `fr/*.md` inside the content folder (none: no French pages). */
  french: SourceFile[];
  bibliography: Bibliography;
}

function display(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Every `*.md` directly inside the content folder, sorted by name. */
export function listMarkdown(contentDir: string): string[] {
  if (!fs.existsSync(contentDir)) return [];
  return fs
    .readdirSync(contentDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(contentDir, name));
}

export function readContent(root: string, contentDir: string): Content {
  const dir = path.resolve(root, contentDir);
  const read = (file: string) => ({ file: display(root, file), text: fs.readFileSync(file, 'utf8') });
  const files = listMarkdown(dir).map(read);
  const french = listMarkdown(path.join(dir, FRENCH_DIR)).map(read);
  const bibFile = path.join(dir, BIBLIOGRAPHY_FILE);
  const bibliography = fs.existsSync(bibFile) ? parseBibliography(fs.readFileSync(bibFile, 'utf8'), display(root, bibFile)) : new Map();
  return { files, french, bibliography };
}
