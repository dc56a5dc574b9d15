/**
 * Build-time errors that name the source: `content/introduction.md:42: unknown widget <foo-bar>`.
 * Vite prints the message as is, so an author can jump straight to the line.
 */
export class EssayError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'EssayError';
  }
}

/** Where a Markdown line (0-based, within the body) sits in its file (1-based, after the front matter). */
export interface SourceLocation {
  file: string;
  /** Lines before the Markdown body: the front matter block. */
  lineOffset: number;
}

/** The 1-based file line of a 0-based body line, plus any newlines within `text` before `index`. */
export function fileLine(where: SourceLocation, bodyLine: number, text = '', index = 0): number {
  let extra = 0;
  for (let i = 0; i < Math.min(index, text.length); i++) if (text.charCodeAt(i) === 10) extra++;
  return where.lineOffset + bodyLine + extra + 1;
}
