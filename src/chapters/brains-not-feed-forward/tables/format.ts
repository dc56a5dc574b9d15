/** Markdown tables and pass-band lines for the chapter's reproduce output. */

/** One pass band of science.md: what it asks, what was measured, whether it holds. */
export interface Band {
  name: string;
  measured: string;
  hit: boolean;
}

/** A table's Markdown plus the bands it checks. */
export interface Section {
  markdown: string;
  bands: Band[];
}

/** A Markdown table; columns listed in `right` are right-aligned (numbers). */
export function markdownTable(headers: string[], rows: Array<Array<string | number>>, right: number[] = []): string {
  const align = headers.map((_, i) => (right.includes(i) ? '---:' : '---'));
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(align), ...rows.map(line)].join('\n');
}

/** Fixed decimals, with a true minus sign kept for negatives and NaN shown as '–'. */
export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function percent(value: number, digits = 1): string {
  return `${fixed(100 * value, digits)}%`;
}

export function bandTable(bands: Band[]): string {
  return markdownTable(
    ['band', 'measured', ''],
    bands.map((b) => [b.name, b.measured, b.hit ? 'HIT' : 'MISS']),
  );
}
