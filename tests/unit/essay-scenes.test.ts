// Lecture scenes in the Markdown (src/essay/scenes.ts): checked against the widget's schema like its
// tag, errors named by file and line, rendered as a list that reads without JavaScript and links each
// scene; the URL keeps the scene shown (src/runtime/url-state.ts); the page reads them back.
// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseBibliography } from '../../src/essay/bibliography.ts';
import { renderMarkdown } from '../../src/essay/render.ts';
import { readState, writeState } from '../../src/runtime/url-state.ts';
import { readScenes, sceneState } from '../../src/widgets/base/scenes.ts';
import type { WidgetSchema } from '../../src/settings/schema.ts';

const demo: WidgetSchema = {
  tag: 'demo-widget',
  title: 'A demo figure',
  settings: [
    { type: 'number', key: 'trainSize', label: 'Training examples', min: 100, max: 1000, step: 100, default: 500 },
    { type: 'select', key: 'rule', label: 'Rule', options: [{ value: 'bp', label: 'BP' }, { value: 'fa', label: 'FA' }], default: 'bp' },
    { type: 'toggle', key: 'showGap', label: 'Show gap', default: true },
  ],
};
const context = { bibliography: parseBibliography('[]', 'refs.json'), widgets: [demo] };
const render = (body: string) => renderMarkdown(body, 'content/w.md', context, 4).html;
const page = (scenes: string) => `<demo-widget id="d1" rule="fa"></demo-widget>\n\n\`\`\`scenes for=d1\n${scenes}\n\`\`\`\n`;

describe('lecture scenes in the Markdown', () => {
  it('render as a list under the figure, each scene linked, its settings shown', () => {
    const html = render(page('train-size=100 seed=3 | Few digits: <watch> the gap.\nrule=bp show-gap=false | Backprop & no gap.'));
    expect(html).toContain('<details class="lm-scenes" data-for="d1">');
    expect(html).toContain('Lecture scenes for Figure 1 (2)');
    expect(html).toContain('<li data-scene="train-size=100 seed=3"><a href="#d1.scene=1">Few digits: &lt;watch&gt; the gap.</a> <span class="scene-settings">(train size 100, seed 3)</span></li>');
    expect(html).toContain('<a href="#d1.scene=2">Backprop &amp; no gap.</a>');
    expect(html).not.toContain('<pre');
  });

  it('fail the build at the line of a bad scene: unknown setting, value out of range, no note, unknown widget', () => {
    // Front matter takes 4 lines; the tag is body line 0, the fence line 2, its first scene line 3.
    expect(() => render(page('train-size=100 | fine\nlayers=3 | nope'))).toThrow(/content\/w\.md:9: scenes for "d1": a scene cannot set "layers"/);
    expect(() => render(page('train-size=5000 | too many'))).toThrow(/content\/w\.md:8: .*train-size="5000" is outside \[100, 1000\]/);
    expect(() => render(page('rule=sgd | no such rule'))).toThrow(/must be one of bp, fa/);
    expect(() => render(page('train-size=100'))).toThrow(/needs its note after a "\|"/);
    expect(() => render(page('caption=x | captions are not state'))).toThrow(/cannot set "caption"/);
    expect(() => render('<demo-widget id="d1"></demo-widget>\n\n```scenes for=d2\nrule=bp | x\n```\n')).toThrow(/content\/w\.md:7: scenes for "d2": no widget with that id above this block/);
    expect(() => render('```scenes\nrule=bp | x\n```\n')).toThrow(/names its widget/);
  });

  it('leave other fenced code alone', () => {
    expect(render('```ts\nconst scenes = 1;\n```\n')).toContain('<pre><code class="language-ts">const scenes = 1;');
  });
});

describe('lecture scenes on the page', () => {
  it('read back from the rendered list; a scene is its values, then the tag’s, then the defaults', () => {
    document.body.innerHTML = render(page('train-size=100 seed=3 | First.\nshow-gap=false | Second.'));
    const scenes = readScenes(document, 'd1');
    expect(scenes.map((s) => s.note)).toEqual(['First.', 'Second.']);
    const tag = document.querySelector('demo-widget')!;
    expect(sceneState(scenes[0], demo, (n) => tag.getAttribute(n))).toEqual({ settings: { trainSize: 100, rule: 'fa', showGap: true }, seed: 3 });
    expect(sceneState(scenes[1], demo, (n) => tag.getAttribute(n))).toEqual({ settings: { trainSize: 500, rule: 'fa', showGap: false }, seed: 1 });
    expect(readScenes(document, 'other')).toEqual([]);
  });

  it('the URL keeps the scene beside the full state, and reads it back; nonsense is ignored', () => {
    const hash = writeState('#x.seed=2', 'd1', demo, { trainSize: 100, rule: 'fa', showGap: true }, 3, 2);
    expect(hash).toBe('#x.seed=2&d1.train-size=100&d1.rule=fa&d1.show-gap=1&d1.seed=3&d1.scene=2');
    expect(readState(hash, 'd1', demo).scene).toBe(2);
    expect(readState('#d1.scene=0', 'd1', demo).scene).toBeUndefined();
    expect(readState('#d1.scene=-1', 'd1', demo).scene).toBeUndefined();
    expect(readState('#d1.scene=abc', 'd1', demo).scene).toBeUndefined();
    expect(writeState(hash, 'd1', demo, { trainSize: 100, rule: 'fa', showGap: true }, 3)).not.toContain('scene');
  });
});
