import { describe, expect, it } from 'vitest';
import { parseBibliography } from '../../src/essay/bibliography.ts';
import { renderMarkdown } from '../../src/essay/render.ts';
import { parseOpenTag } from '../../src/essay/tags.ts';
import { NO_JS_MESSAGE } from '../../src/essay/widgets.ts';
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

describe('widget tags', () => {
  it('wraps a widget in a captioned figure with a no-JavaScript fallback', () => {
    const html = render('Intro.\n\n<demo-widget id="d1" train-size="300" rule="fa" show-gap seed="7"></demo-widget>\n\nAfter.');
    expect(html).toContain('<figure class="widget-figure" data-widget="demo-widget">');
    expect(html).toContain('<demo-widget id="d1" train-size="300" rule="fa" show-gap="" seed="7">');
    expect(html).toContain('<p class="widget-fallback-title">A demo figure</p>');
    expect(html).toContain(`<noscript><p>${NO_JS_MESSAGE}</p></noscript>`);
    expect(html).toContain('<figcaption><span class="figure-number">Figure 1.</span> A demo figure</figcaption>');
    expect(html).toContain('<p>After.</p>');
  });

  it('numbers figures, takes the caption attribute, and accepts a tag split over lines', () => {
    const html = render('<demo-widget id="a"></demo-widget>\n\n<demo-widget id="b"\n  caption="Same run, FA &amp; BP"\n  rule="bp"></demo-widget>\n');
    expect(html).toContain('Figure 2.</span> Same run, FA &amp; BP</figcaption>');
    expect(html).toContain('caption="Same run, FA &amp; BP"');
  });

  it('can follow a paragraph line directly', () => {
    expect(render('Look:\n<demo-widget></demo-widget>')).toContain('<p>Look:</p>\n<figure');
  });

  it('fails on an unknown tag, naming file and line', () => {
    expect(() => render('Text.\n\n<foo-bar></foo-bar>\n')).toThrow(/^content\/w\.md:7: unknown widget <foo-bar> \(registered: <demo-widget>\)/);
  });

  it('fails on an attribute outside the schema', () => {
    expect(() => render('<demo-widget learning-rate="3"></demo-widget>')).toThrow(/^content\/w\.md:5: <demo-widget> has no attribute "learning-rate" \(allowed: id, seed, class, caption, autoplay, train-size, rule, show-gap\)/);
  });

  it('fails on values the schema rejects', () => {
    expect(() => render('<demo-widget train-size="5000"></demo-widget>')).toThrow(/train-size="5000" is outside \[100, 1000\]/);
    expect(() => render('<demo-widget train-size="many"></demo-widget>')).toThrow(/is not a number/);
    expect(() => render('<demo-widget rule="sgd"></demo-widget>')).toThrow(/rule="sgd" must be one of bp, fa/);
    expect(() => render('<demo-widget show-gap="maybe"></demo-widget>')).toThrow(/must be true or false/);
    expect(() => render('<demo-widget seed="-1"></demo-widget>')).toThrow(/seed="-1" must be an integer/);
  });

  it('fails on duplicate ids and duplicate attributes', () => {
    expect(() => render('<demo-widget id="x"></demo-widget>\n\n<demo-widget id="x"></demo-widget>')).toThrow(/^content\/w\.md:7: two widgets on this page have id="x"/);
    expect(() => render('<demo-widget rule="bp" rule="fa"></demo-widget>')).toThrow(/attribute rule twice/);
  });

  it('fails on unclosed, self-closed or non-empty widget tags', () => {
    expect(() => render('<demo-widget>\n\nmore')).toThrow(/needs a closing <\/demo-widget>/);
    expect(() => render('<demo-widget />')).toThrow(/cannot self-close/);
    expect(() => render('<demo-widget>text</demo-widget>')).toThrow(/must be empty/);
    expect(() => render('<demo-widget></demo-widget> trailing')).toThrow(/nothing may follow/);
  });

  it('fails on custom tags inside text or other HTML, but not in comments or code', () => {
    expect(() => render('Inline <foo-bar></foo-bar> tag.')).toThrow(/^content\/w\.md:5: unknown widget <foo-bar>/);
    expect(() => render('One\ntwo <demo-widget></demo-widget>')).toThrow(/^content\/w\.md:6: widget <demo-widget> must stand on its own line/);
    expect(() => render('<div class="x">\n<p>hi</p>\n<demo-widget></demo-widget>\n</div>')).toThrow(/^content\/w\.md:7: widget <demo-widget> must stand on its own line/);
    expect(() => render('<!-- <foo-bar></foo-bar> -->\n\nText `<foo-bar>` here.\n\n```html\n<foo-bar></foo-bar>\n```')).not.toThrow();
  });

  it('parses opening tags', () => {
    expect(parseOpenTag('<x-y a="1" b=\'two\' c=3 d>')).toEqual({ name: 'x-y', attrs: [{ name: 'a', value: '1' }, { name: 'b', value: 'two' }, { name: 'c', value: '3' }, { name: 'd', value: '' }], end: 25, selfClosing: false });
    expect(parseOpenTag('<x-y a="1"b="2">')).toBeNull();
    expect(parseOpenTag('<x-y title="a > b">')?.attrs).toEqual([{ name: 'title', value: 'a > b' }]);
    expect(parseOpenTag('<x-y t="&lt;&#39;&#x2014;&bogus;">')?.attrs[0].value).toBe("<'—&bogus;");
  });
});

describe('reserved heights', () => {
  it('every widget reserves its height, and the essay writes it on the tag', async () => {
    const { loadWidgetSchemas } = await import('../../src/chapters/index.ts');
    const { renderWidget } = await import('../../src/essay/widgets.ts');
    for (const { schema } of await loadWidgetSchemas()) {
      expect(schema.reserve, `${schema.tag} declares no reserve`).toBeDefined();
      expect(schema.reserve!.narrow).toBeGreaterThanOrEqual(schema.reserve!.wide);
      expect(renderWidget(schema, [], 1)).toContain(`data-reserve style="--lm-reserve: ${schema.reserve!.wide}rem; --lm-reserve-narrow: ${schema.reserve!.narrow}rem"`);
    }
  });
});
