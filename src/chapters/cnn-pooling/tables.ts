/**
 * The chapter's tables as Markdown, and science.md's pass bands for them (each band: what it checks,
 * the measured values, HIT or MISS). Numbers in, strings out.
 */
import { NETS, type NetId } from './nets';
import type { QuadrantScores, ShiftScores } from './scores';

const pct = (x: number) => (100 * x).toFixed(1);

/** science.md's reference accuracies (%) at 0/1/2/3/4/6 px (NumPy, 8,000 / 2,000 digits, seed 0). */
export const SCIENCE_REFERENCE: Record<NetId, number[]> = {
  mlp: [92, 87, 68, 48, 26, 12],
  max: [95, 93, 84, 62, 43, 24],
  blur: [95, 94, 88, 69, 50, 29],
  gap: [84, 84, 84, 83, 82, 75],
  augmented: [95, 95, 93, 90, 72, 37],
};

export interface Band {
  name: string;
  measured: string;
  hit: boolean;
}

export function shiftTable(scores: Partial<Record<NetId, ShiftScores>>, seconds: Partial<Record<NetId, number>>): string {
  const ids = Object.keys(scores) as NetId[];
  const shifts = scores[ids[0]]!.shifts;
  const head = `| net | ${shifts.map((s) => `${s} px`).join(' | ')} | science.md (${shifts.join('/')}) | training (s) |`;
  const rule = `| --- | ${shifts.map(() => '---:').join(' | ')} | --- | ---: |`;
  const rows = ids.map((id) => `| ${NETS[id].label} | ${scores[id]!.accuracy.map(pct).join(' | ')} | ${SCIENCE_REFERENCE[id].join('/')} | ${seconds[id] === undefined ? '—' : seconds[id]!.toFixed(1)} |`);
  return [`Accuracy (%) on test digits moved s px horizontally (zero fill; mean of right and left):`, '', head, rule, ...rows].join('\n');
}

export function changeTable(scores: Partial<Record<NetId, ShiftScores>>): string {
  const ids = Object.keys(scores) as NetId[];
  const rows = ids.map((id) => {
    const s = scores[id]!;
    return `| ${NETS[id].label} | ${pct(s.changeRate)} | ${s.meanAbsDelta.toFixed(3)} | ${pct(s.consistency)} |`;
  });
  return [
    'One-pixel shifts (Azulay & Weiss) and two random shifts of up to ±3 px in x and y (Zhang):',
    '',
    '| net | P(top-1 changes), 1 px (%) | mean abs. change of the top probability | consistency (%) |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** science.md's bands for the shift table (the ones whose nets were run). */
export function shiftBands(scores: Partial<Record<NetId, ShiftScores>>): Band[] {
  const at = (id: NetId, px: number) => {
    const s = scores[id]!;
    return s.accuracy[s.shifts.indexOf(px)];
  };
  const has = (...ids: NetId[]) => ids.every((id) => scores[id]);
  const bands: Band[] = [];
  if (has('mlp')) bands.push({ name: 'MLP ≤ 60% at 3 px', measured: pct(at('mlp', 3)), hit: at('mlp', 3) <= 0.6 });
  for (const id of ['max', 'blur'] as NetId[]) if (has(id)) bands.push({ name: `${NETS[id].label} ≤ 75% at 3 px`, measured: pct(at(id, 3)), hit: at(id, 3) <= 0.75 });
  if (has('gap')) {
    const lost3 = Math.max(...[1, 2, 3].map((px) => at('gap', 0) - at('gap', px)));
    const lost6 = at('gap', 0) - at('gap', 6);
    bands.push({ name: 'global pool loses ≤ 5 points up to 3 px', measured: `${(100 * lost3).toFixed(1)} points`, hit: lost3 <= 0.05 });
    bands.push({ name: 'global pool loses ≤ 12 points at 6 px', measured: `${(100 * lost6).toFixed(1)} points`, hit: lost6 <= 0.12 });
  }
  if (has('blur', 'max')) {
    const gain = at('blur', 2) - at('max', 2);
    bands.push({ name: 'MaxBlurPool ≥ 3 points above max-pool at 2 px', measured: `${pct(at('blur', 2))} vs ${pct(at('max', 2))} (${(100 * gain).toFixed(1)})`, hit: gain >= 0.03 });
  }
  if (has('augmented')) {
    const lost2 = Math.max(...[1, 2].map((px) => at('augmented', 0) - at('augmented', px)));
    bands.push({ name: '±2 px augmentation loses ≤ 3 points up to 2 px', measured: `${(100 * lost2).toFixed(1)} points`, hit: lost2 <= 0.03 });
    bands.push({ name: '±2 px augmentation ≤ 60% at 6 px', measured: pct(at('augmented', 6)), hit: at('augmented', 6) <= 0.6 });
  }
  return bands;
}

export function quadrantTable(scores: Partial<Record<NetId, QuadrantScores>>): string {
  const ids = Object.keys(scores) as NetId[];
  const rows = ids.map((id) => `| ${NETS[id].label} | ${pct(scores[id]!.clean)} | ${pct(scores[id]!.keepsLabel)} | ${pct(scores[id]!.keepsAnswer)} |`);
  return [
    "Picasso digits: the four 14×14 quadrants swapped diagonally (top-left ↔ bottom-right, top-right ↔ bottom-left):",
    '',
    '| net | clean accuracy (%) | swapped digit keeps its label (%) | keeps the net’s own answer (%) |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/**
 * science.md: the global-pool net keeps the original label "far more often" than the flatten CNN
 * (34% vs 14%). Read here as: at least 10 points more, and at least 1.5 times as often.
 */
export function quadrantBand(scores: Partial<Record<NetId, QuadrantScores>>): Band[] {
  const gap = scores.gap?.keepsLabel;
  const max = scores.max?.keepsLabel;
  if (gap === undefined || max === undefined) return [];
  return [{ name: 'quadrant swap: global pool keeps the label ≥ 10 points and ≥ 1.5× as often as the max-pool flatten CNN', measured: `${pct(gap)} vs ${pct(max)}`, hit: gap - max >= 0.1 && gap >= 1.5 * max }];
}

export function formatBands(bands: Band[]): string {
  return ['| band | measured | |', '| --- | --- | --- |', ...bands.map((b) => `| ${b.name} | ${b.measured} | ${b.hit ? 'HIT' : 'MISS'} |`)].join('\n');
}

export function faceTable(scores: Partial<Record<NetId, import('./scores').FaceScores>>, seconds: Partial<Record<NetId, number>>): string {
  const ids = Object.keys(scores) as NetId[];
  const rows = ids.map((id) => {
    const s = scores[id]!;
    return `| ${NETS[id].label} | ${pct(s.accuracy)} | ${pct(s.faces)} | ${pct(s.scrambled)} | ${s.faceProbability.toFixed(3)} | ${s.scrambledProbability.toFixed(3)} | ${seconds[id] === undefined ? '—' : seconds[id]!.toFixed(1)} |`;
  });
  return [
    'Picasso faces: nets trained on faces vs non-faces (outline + other shapes), then shown a face and its scrambled twin (same parts, mouth off the bottom, others shuffled):',
    '',
    '| net | accuracy, faces vs non-faces (%) | faces called face (%) | scrambled faces called face (%) | mean P(face), faces | mean P(face), scrambled | training (s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
