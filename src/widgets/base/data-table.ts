/**
 * A figure's numbers as tables (issue 17: for screen readers and for copying numbers): a modal
 * `<dialog>` with one `<table>` per chart inside the figure (src/viz/dataTable.ts), every row kept
 * in a scrolling, focusable region, and a "Copy as CSV" button. Esc or Close leaves it and focus
 * goes back to the button that opened it. The tables are what the charts showed when it opened.
 * Loaded on first use (export.ts), so pages carry none of it until a reader asks (the page budget).
 */
import { dataTables, formatNumber, type DataCell, type DataTable } from '../../viz';
import { h, uid } from './dom';
import { t } from '../../i18n/t';
import './data-table.css';

const QUOTE = '"';

/** RFC 4180 CSV: per table its title on a line, its header and its rows, numbers exact; a blank line between tables. */
export function toCSV(tables: readonly DataTable[]): string {
  const field = (c: DataCell) => {
    const s = c === null ? '' : String(c);
    return /[,\r\n]/.test(s) || s.includes(QUOTE) ? QUOTE + s.replaceAll(QUOTE, QUOTE + QUOTE) + QUOTE : s;
  };
  return tables.map((table) => [[table.title], table.columns, ...table.rows].map((row) => row.map(field).join(',')).join('\r\n')).join('\r\n\r\n') + '\r\n';
}

/** A cell as shown: numbers to 4 significant digits in the page's language, labels as they are. */
function shown(c: DataCell): string {
  return typeof c === 'number' ? formatNumber(c, 4) : (c ?? '');
}

/** A table with its caption, a header row of column headers and a row header per row. */
export function tableElement(table: DataTable): HTMLTableElement {
  const head = h('tr', {}, table.columns.map((c) => h('th', { text: c, attrs: { scope: 'col' } })));
  const body = h('tbody');
  for (const row of table.rows) {
    body.append(h('tr', {}, row.map((c, i) => (i ? h('td', { text: shown(c) }) : h('th', { text: shown(c) || '–', attrs: { scope: 'row' } })))));
  }
  return h('table', { class: 'lm-data-table' }, [h('caption', { text: table.title }), h('thead', {}, [head]), body]);
}

/** Opens the tables of the charts inside `root` (the figure titled `title`); `opener` gets focus back on close. */
export function showDataTable(opener: HTMLElement, root: Element, title: string): HTMLDialogElement {
  const tables = dataTables(root);
  const headingId = uid('lm-table-title');
  const status = h('p', { class: 'lm-table-status', attrs: { role: 'status' } });
  const copy = h('button', { class: 'lm-button', text: t('Copy as CSV'), attrs: { type: 'button', 'data-testid': 'table-copy' } });
  const close = h('button', { class: 'lm-button', text: t('Close'), attrs: { type: 'button', 'data-testid': 'table-close' } });
  const content = tables.length ? tables.map(tableElement) : [h('p', { text: t('This figure has no numbers to list yet; its text summary describes it.') })];
  // One scrolling region for every table, focusable so that keys scroll it (axe: scrollable-region-focusable).
  const region = h('div', { class: 'lm-table-scroll', attrs: { tabindex: 0, role: 'region', 'aria-labelledby': headingId } }, content);
  const dialog = h('dialog', { class: 'lm-table-dialog', attrs: { 'aria-labelledby': headingId, 'data-testid': 'table-dialog' } }, [
    h('div', { class: 'lm-table-bar' }, [h('h2', { text: t('Data table: {title}', { title }), attrs: { id: headingId } }), ...(tables.length ? [copy] : []), close]),
    status,
    region,
  ]);
  copy.addEventListener('click', () => {
    const csv = toCSV(tables);
    const rows = tables.reduce((n, table) => n + table.rows.length, 0);
    (navigator.clipboard?.writeText(csv) ?? Promise.reject(new Error('no clipboard'))).then(
      () => (status.textContent = t('Copied {n} rows as CSV.', { n: formatNumber(rows) })),
      () => prompt(t('Copy as CSV'), csv),
    );
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });
  // Outside the widget, so that its keys (Space, R, F, Esc) do not reach the figure behind.
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
