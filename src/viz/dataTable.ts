/**
 * The numbers a chart shows, as tables (issue 17: a data-table view of every plot, for screen
 * readers and for copying numbers). A chart registers, for its element, a function that builds its
 * tables from the arrays it last drew; nothing is copied while it draws, only when a reader opens
 * the table (widgets/base/data-table.ts). A figure's tables are those of the charts inside it.
 */

/** A number (formatted when shown, exact in CSV), a label, or no value. */
export type Cell = number | string | null;

export interface DataTable {
  /** The caption: the chart's title (already translated). */
  title: string;
  /** Column headers, never empty; the first column names each row (an x value, a row label). */
  columns: string[];
  rows: Cell[][];
}

const builders = new WeakMap<Element, () => DataTable[]>();

/** Registers how to tabulate what `element` shows; `build` runs only when the tables are asked for. */
export function describeData(element: Element, build: () => DataTable[]): void {
  builders.set(element, build);
}

/**
 * The tables of every chart inside `root` (itself included), in document order: charts in a
 * hidden part of the figure and tables without rows are left out.
 */
export function dataTables(root: Element): DataTable[] {
  const out: DataTable[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const build = builders.get(el);
    if (build && !el.closest('[hidden]')) out.push(...build().filter((table) => table.rows.length > 0));
  }
  return out;
}
