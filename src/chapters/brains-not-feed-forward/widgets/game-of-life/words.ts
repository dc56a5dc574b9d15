/** What the Life figure says about its patterns (pure, for tests): names as the menus give them, and what each does. */
import { LIFE_PATTERNS, type LifePatternName } from '../../../../lib/dynamics/life-patterns';
import { gameOfLifeSchema } from './schema';
import { t } from '../../../../i18n/t';

/** A start or brush option's menu label, in lower case ('gosper glider gun'), in the page's language. */
export function optionLabel(value: string): string {
  const options = [...gameOfLifeSchema.settings[0].options, ...gameOfLifeSchema.settings[1].options];
  const label = options.find((o) => o.value === value)?.label;
  return (label ? t(label) : value).toLowerCase();
}

/** What a click places, with its article ('a glider'): a phrase per pattern, since French articles follow the noun's gender. */
const A_PATTERN: Record<string, string> = {
  glider: 'a glider',
  lwss: 'a lightweight spaceship',
  blinker: 'a blinker',
  toad: 'a toad',
  beacon: 'a beacon',
  pulsar: 'a pulsar',
  block: 'a block',
  beehive: 'a beehive',
  'r-pentomino': 'a r-pentomino',
  'gosper-gun': 'a gosper glider gun',
};

/** The brush as the summary says it: 'one cell', 'a glider'. */
export function brushPhrase(value: string): string {
  if (value === 'cell') return t('one cell');
  return A_PATTERN[value] ? t(A_PATTERN[value]) : `a ${optionLabel(value)}`;
}

/** One or two sentences: what the start pattern does, and what the brush stamps when it differs. */
export function aboutPatterns(start: string, brush: string): string {
  // The patterns' descriptions (lib/dynamics/life-patterns.ts) are catalogue keys.
  const about = (name: string) => (name in LIFE_PATTERNS ? t(LIFE_PATTERNS[name as LifePatternName].about) : null);
  const first = about(start);
  const parts = [first ? t('The start pattern: {about}.', { about: first }) : start === 'random' ? t('The start: a random soup, seeded.') : t('The start: an empty grid. Draw on it.')];
  const stamp = brush !== 'cell' && brush !== start ? about(brush) : null;
  if (stamp) parts.push(t('A click stamps this pattern: {about}.', { about: stamp }));
  return parts.join(' ');
}
