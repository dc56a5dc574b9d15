/** Markdown tables of the Catastrophic-forgetting experiments, as `npm run reproduce` prints them. */
import { finalMean, newestAccuracy, taskOneAccuracy, type Band, type SequenceTable } from './runs/tables';

const pct = (x: number) => (100 * x).toFixed(1);

function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'l' ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** Task-1 accuracy after each task, and the final mean over all tasks, one row per method. */
export function formatTaskOne(t: SequenceTable, methodHeader = 'method'): string {
  const one = taskOneAccuracy(t);
  const mean = finalMean(t);
  const header = [methodHeader, ...t.tasks.map((_, k) => `task 1 after ${k + 1}`), 'final mean'];
  const rows = t.methods.map((m, i) => [m, ...one[i].map(pct), pct(mean[i])]);
  return table(header, rows, ['l', ...t.tasks.map(() => 'r' as const), 'r']);
}

/** Accuracy on the task just learnt, after each task. */
export function formatNewest(t: SequenceTable, methodHeader = 'method'): string {
  const newest = newestAccuracy(t);
  const header = [methodHeader, ...t.tasks.map((name, k) => `newest after ${k + 1} (${name})`)];
  return table(header, t.methods.map((m, i) => [m, ...newest[i].map(pct)]), ['l', ...t.tasks.map(() => 'r' as const)]);
}

/** Accuracy on every task after the last one. */
export function formatFinal(t: SequenceTable, methodHeader = 'method'): string {
  const last = t.after[t.after.length - 1];
  return table([methodHeader, ...t.tasks], t.methods.map((m, i) => [m, ...last[i].map(pct)]), ['l', ...t.tasks.map(() => 'r' as const)]);
}

/** After the last task, one row per method: task 1, the newest task, and the mean over all tasks. */
export function formatTradeOff(t: SequenceTable, methodHeader = 'method'): string {
  const last = t.after[t.after.length - 1];
  const mean = finalMean(t);
  const rows = t.methods.map((m, i) => [m, pct(last[i][0]), pct(last[i][last[i].length - 1]), pct(mean[i])]);
  return table([methodHeader, 'task 1 (MNIST)', `newest (${t.tasks[t.tasks.length - 1]})`, 'mean over all tasks'], rows, ['l', 'r', 'r', 'r']);
}

/** MNIST → Fashion: MNIST accuracy before and after Fashion training, and Fashion accuracy. */
export function formatMnistToFashion(t: SequenceTable): string {
  const rows = t.methods.map((m, i) => {
    const before = t.after[0][i][0];
    const after = t.after[1][i][0];
    return [m, pct(before), pct(after), pct(before - after), pct(t.after[1][i][1])];
  });
  return table(['method', 'MNIST after MNIST', 'MNIST after Fashion', 'drop (points)', 'Fashion after Fashion'], rows, ['l', 'r', 'r', 'r', 'r']);
}

export function formatBands(bands: Band[], title = 'science.md bands:'): string {
  return [title, ...bands.map((b) => `- ${b.pass ? 'HIT ' : 'MISS'} ${b.claim}: ${b.value}`)].join('\n');
}
