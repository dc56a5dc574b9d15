// Series colours as text: textColor picks the text variant of a series colour, and every text
// variant in the design tokens reads at WCAG AA (4.5:1) on the backgrounds text sits on, in both themes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seriesColor, textColor } from '../../../src/viz/palette';

const tokens = readFileSync(new URL('../../../src/styles/tokens.css', import.meta.url), 'utf8');
const [light, dark] = tokens.split('@media (prefers-color-scheme: dark)');

function vars(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('series colours as text', () => {
  it('textColor turns a series colour into its text variant and leaves other colours alone', () => {
    expect(textColor(seriesColor(1))).toBe('var(--c1-text, var(--c1, #D55E00))');
    expect(textColor('var(--muted, #5f5f5f)')).toBe('var(--muted, #5f5f5f)');
    expect(textColor('#123456')).toBe('#123456');
  });

  it('every --cK-text reads at 4.5:1 or more on the page, its surfaces and the soft accent, light and dark', () => {
    for (const theme of [vars(light), { ...vars(light), ...vars(dark) }]) {
      const resolve = (v: string): string => (v.startsWith('var(') ? resolve(theme[/var\((--[\w-]+)/.exec(v)![1]]) : v);
      for (let k = 0; k < 6; k++) {
        const text = resolve(theme[`--c${k}-text`]);
        for (const bg of ['--bg', '--surface', '--accent-soft']) expect(contrast(text, theme[bg]), `--c${k}-text ${text} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
