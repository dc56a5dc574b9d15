/**
 * Export the current figure as PNG or SVG (src/viz's export helpers do the work), link to it alone,
 * or show its numbers as tables (data-table.ts, loaded on first use).
 */
import { downloadBlob, svgBlob, toPNGBlob } from '../../viz';
import { h, setButtonContent } from './dom';
import { t } from '../../i18n/t';

export interface ExportOptions {
  /** The figure to export now (null while there is none). */
  figure: () => SVGSVGElement | null;
  /** File name without extension, e.g. "overfit-seed-3-step-400". */
  fileName: () => string;
  onError: (message: string) => void;
  /** The figure's id for the embed page (embed.html?w=<id>), or null when it has none. */
  embedId?: () => string | null;
  /** Tell the reader (the live summary). */
  say?: (message: string) => void;
}

export function buildExport(options: ExportOptions): HTMLElement {
  const png = h('button', { class: 'lm-button lm-quiet', attrs: { type: 'button', 'data-testid': 'export-png', title: t('Download the chart as a PNG image') } });
  const svg = h('button', { class: 'lm-button lm-quiet', attrs: { type: 'button', 'data-testid': 'export-svg', title: t('Download the chart as an SVG file') } });
  setButtonContent(png, 'download', 'PNG');
  setButtonContent(svg, 'download', 'SVG');
  png.addEventListener('click', async () => {
    const figure = options.figure();
    if (!figure) return;
    try {
      downloadBlob(await toPNGBlob(figure, 3), `${options.fileName()}.png`);
    } catch (err) {
      options.onError(err instanceof Error ? err.message : String(err));
    }
  });
  svg.addEventListener('click', () => {
    const figure = options.figure();
    if (!figure) return;
    try {
      downloadBlob(svgBlob(figure), `${options.fileName()}.svg`);
    } catch (err) {
      options.onError(err instanceof Error ? err.message : String(err));
    }
  });
  const buttons = [png, svg];
  const id = options.embedId?.();
  if (id) {
    // The figure alone and locked, in the state it has now (its part of the hash): for slides.
    const embed = h('button', { class: 'lm-button lm-quiet', text: t('Embed link'), attrs: { type: 'button', 'data-testid': 'export-embed', title: t('Copy a link to this figure alone, for slides') } });
    embed.addEventListener('click', () => {
      const state = location.hash.slice(1).split('&').filter((t) => t.startsWith(`${id}.`));
      // The embed page beside this one is its edition's: embed.html, or fr/embed.html from a French page (site.ts).
      const url = new URL(`./embed.html?w=${id}#${state.join('&')}`, location.href).href;
      navigator.clipboard.writeText(url).then(
        () => {
          embed.textContent = t('Copied');
          setTimeout(() => (embed.textContent = t('Embed link')), 2000);
          options.say?.(t('Copied {url}', { url }));
        },
        () => prompt(t('Embed link'), url),
      );
    });
    buttons.push(embed);
  }
  return h('div', { class: 'lm-export', attrs: { role: 'group', 'aria-label': t('Export') } }, buttons);
}

/**
 * "Table": the figure's numbers in a dialog (data-table.ts, loaded on first use). It sits in the
 * figure's footer, beside the keyboard hint, not in the toolbar: the toolbar's width changes with
 * its status line, and one more button there made it wrap mid-read (a layout shift of the page).
 */
export function buildTableButton(data: () => { root: Element; title: string }, onError: (message: string) => void): HTMLElement {
  const table = h('button', { class: 'lm-button lm-quiet lm-table-button', text: t('Table'), attrs: { type: 'button', 'aria-haspopup': 'dialog', 'data-testid': 'export-table', title: t('Show the figure’s numbers as a table, to read or copy') } });
  table.addEventListener('click', async () => {
    try {
      const { root, title } = data();
      (await import('./data-table')).showDataTable(table, root, title);
    } catch (err) {
      onError(err instanceof Error ? err.message : String(err));
    }
  });
  return table;
}
