import { describe, expect, it } from 'vitest';
import { chapters } from '../../../src/chapters';
import { widgetLoaders } from '../../../src/chapters/widgets';

describe('the page registry (src/chapters/widgets.ts)', () => {
  it('holds every chapter manifest’s widgets, each with the manifest’s own loader, and nothing else', () => {
    const tags = chapters.flatMap((c) => Object.keys(c.widgets));
    expect(new Set(tags).size).toBe(tags.length);
    expect(Object.keys(widgetLoaders).sort()).toEqual([...tags].sort());
    for (const c of chapters) for (const [tag, load] of Object.entries(c.widgets)) expect(widgetLoaders[tag], `${c.slug}: ${tag}`).toBe(load);
  });
});
