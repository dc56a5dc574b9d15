// @vitest-environment jsdom
// The data-table view (issue 17): what each chart primitive last drew, as tables a reader can open
// and copy; and the dialog's table markup and CSV.
import { describe, expect, it } from 'vitest';
import { dataTables, heatmap, histogram, imageGrid, lineChart } from '../../../src/viz';
import { tableElement, toCSV } from '../../../src/widgets/base/data-table';

describe('dataTables', () => {
  it('joins a line chart’s series on x, with the axis label and series names as headers', () => {
    const chart = lineChart({ title: 'Accuracy', xLabel: 'training steps', series: { train: { label: 'Train accuracy' }, test: { label: 'Test accuracy' } } });
    chart.setSeries('train', [0, 10, 20, 30], [0.1, 0.5, 0.8, 0.9]);
    // Measured less often: its cells at 10 and 30 stay empty.
    chart.setSeries('test', [0, 20], [0.1, 0.7]);
    chart.render();
    expect(dataTables(chart.element)).toEqual([
      {
        title: 'Accuracy',
        columns: ['training steps', 'Train accuracy', 'Test accuracy'],
        rows: [
          [0, 0.1, 0.1],
          [10, 0.5, null],
          [20, 0.8, 0.7],
          [30, 0.9, null],
        ],
      },
    ]);
  });

  it('reads the arrays as they are when asked (points appended later are in it), bands as low and high', () => {
    const chart = lineChart({ title: 'Loss' });
    chart.append('loss', 1, 2.5);
    chart.setBand('loss', [1], [2], [3]);
    chart.render();
    chart.append('loss', 2, 1.5);
    const [table] = dataTables(chart.element);
    expect(table.columns).toEqual(['step', 'loss', 'loss (low)', 'loss (high)']);
    expect(table.rows).toEqual([
      [1, 2.5, 2, 3],
      [2, 1.5, null, null],
    ]);
  });

  it('gives a table per series, points in order, where x turns back or repeats', () => {
    const chart = lineChart({ title: 'Loop', xLabel: 'x', series: { a: {}, b: {} } });
    chart.setSeries('a', [0, 1, 0], [0, 1, 2]);
    chart.setSeries('b', [0, 1], [5, 6]);
    const tables = dataTables(chart.element);
    expect(tables.map((tb) => tb.title)).toEqual(['Loop: a', 'Loop: b']);
    expect(tables[0].rows).toEqual([
      [0, 0],
      [1, 1],
      [0, 2],
    ]);
  });

  it('lists nothing for a chart without data', () => {
    expect(dataTables(lineChart({ title: 'Empty', series: { a: {} } }).element)).toEqual([]);
  });

  it('tabulates a heatmap row by row, headed by its labels', () => {
    const map = heatmap({ title: 'Confusion', yLabel: 'true digit', rowLabels: ['0', '1'], colLabels: ['zero', 'one'] });
    map.update([
      [5, 1],
      [2, 7],
    ]);
    expect(dataTables(map.element)).toEqual([
      {
        title: 'Confusion',
        columns: ['true digit', 'zero', 'one'],
        rows: [
          ['0', 5, 1],
          ['1', 2, 7],
        ],
      },
    ]);
  });

  it('tabulates a histogram’s bins and an image grid’s captions; uncaptioned images list nothing', () => {
    const hist = histogram({ title: 'Weights', xLabel: 'weight', thresholds: [1], domain: [0, 2] });
    hist.update([0.5, 1.5, 1.2]);
    const [bins] = dataTables(hist.element);
    expect(bins.columns).toEqual(['From (weight)', 'To (weight)', 'Count']);
    expect(bins.rows).toEqual([
      [0, 1, 1],
      [1, 2, 2],
    ]);

    const grid = imageGrid({ label: 'Digits', imageWidth: 2, imageHeight: 1 });
    grid.update([[0, 1], [1, 0]]);
    expect(dataTables(grid.element)).toEqual([]);
    grid.update([[0, 1], [1, 0]], ['7', '3']);
    expect(dataTables(grid.element)[0].rows).toEqual([
      [1, '7'],
      [2, '3'],
    ]);
  });

  it('finds every chart inside a figure, in document order, leaving out hidden ones', () => {
    const figure = document.createElement('div');
    const charts = ['A', 'B', 'C'].map((title) => {
      const chart = lineChart({ title });
      chart.append('y', 0, 1);
      const box = document.createElement('div');
      box.append(chart.element);
      figure.append(box);
      return box;
    });
    charts[1].hidden = true;
    expect(dataTables(figure).map((tb) => tb.title)).toEqual(['A', 'C']);
  });
});

describe('the data-table dialog’s markup', () => {
  const table = { title: 'Loss, "train"', columns: ['step', 'loss'], rows: [[0, 2.302585], [10, -0.5], [20, null]] };

  it('draws a captioned table with column and row headers, numbers formatted', () => {
    const el = tableElement(table);
    expect(el.querySelector('caption')?.textContent).toBe('Loss, "train"');
    expect([...el.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['step', 'col'],
      ['loss', 'col'],
    ]);
    const rows = [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => `${c.tagName}:${c.textContent}`));
    expect(rows).toEqual([
      ['TH:0', 'TD:2.303'],
      ['TH:10', 'TD:\u22120.5'],
      ['TH:20', 'TD:'],
    ]);
    expect(el.querySelector('tbody th')?.getAttribute('scope')).toBe('row');
  });

  it('writes CSV with exact numbers, quoted text, a blank line between tables', () => {
    expect(toCSV([table, { title: 'B', columns: ['x'], rows: [[1]] }])).toBe('"Loss, ""train"""\r\nstep,loss\r\n0,2.302585\r\n10,-0.5\r\n20,\r\n\r\nB\r\nx\r\n1\r\n');
  });
});
