// @vitest-environment jsdom
// "Embed link" copies the address of the embed page of the page's own edition: embed.html beside an
// English page, fr/embed.html beside a French one (fr/, whose <meta name="local-minimum:root"> says
// "../"), so a French lecturer's slides show the figure in French.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildExport } from '../../../src/widgets/base/export';

describe('the export group’s Embed link', () => {
  afterEach(() => {
    document.head.replaceChildren();
    vi.unstubAllGlobals();
  });

  const copy = async (): Promise<string> => {
    let copied = '';
    vi.stubGlobal('navigator', { clipboard: { writeText: (text: string) => ((copied = text), Promise.resolve()) } });
    const group = buildExport({ figure: () => null, fileName: () => 'x', onError: () => {}, embedId: () => 'bp-vs-fa' });
    group.querySelector<HTMLButtonElement>('[data-testid="export-embed"]')!.click();
    await Promise.resolve();
    return copied;
  };

  it('points to the embed page of the page’s edition: embed.html from an English page, fr/embed.html from a French one', async () => {
    window.history.replaceState(null, '', '/site/feedback-alignment.html#bp-vs-fa.seeds=2&other.x=1');
    expect(await copy()).toBe(`${location.origin}/site/embed.html?w=bp-vs-fa#bp-vs-fa.seeds=2`);
    const meta = document.createElement('meta');
    meta.name = 'local-minimum:root';
    meta.content = '../';
    document.head.append(meta);
    document.documentElement.lang = 'fr';
    window.history.replaceState(null, '', '/site/fr/feedback-alignment.html?backend=cpu#bp-vs-fa.seeds=2&bp-vs-fa.scene=3');
    expect(await copy()).toBe(`${location.origin}/site/fr/embed.html?w=bp-vs-fa#bp-vs-fa.seeds=2&bp-vs-fa.scene=3`);
    document.documentElement.lang = '';
  });
});
