/** What the Life figure says about its patterns (pure, for tests): names as the menus give them, and what each does. */
import { LIFE_PATTERNS, type LifePatternName } from '../../../../lib/dynamics/life-patterns';
import { gameOfLifeSchema } from './schema';

/** A start or brush option's menu label, in lower case ('gosper glider gun'). */
export function optionLabel(value: string): string {
  const options = [...gameOfLifeSchema.settings[0].options, ...gameOfLifeSchema.settings[1].options];
  return (options.find((o) => o.value === value)?.label ?? value).toLowerCase();
}

/** One or two sentences: what the start pattern does, and what the brush stamps when it differs. */
export function aboutPatterns(start: string, brush: string): string {
  const about = (name: string) => (name in LIFE_PATTERNS ? LIFE_PATTERNS[name as LifePatternName].about : null);
  const first = about(start);
  const parts = [first ? `The start pattern: ${first}.` : start === 'random' ? 'The start: a random soup, seeded.' : 'The start: an empty grid. Draw on it.'];
  const stamp = brush !== 'cell' && brush !== start ? about(brush) : null;
  if (stamp) parts.push(`A click stamps this pattern: ${stamp}.`);
  return parts.join(' ');
}
