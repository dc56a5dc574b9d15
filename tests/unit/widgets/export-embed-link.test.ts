// @vitest-environment jsdom
// "Embed link" copies the address of the embed page, which the English edition has at the site's
// root: from a French page (fr/, with <meta name="local-minimum:root" content="../">) it must not
// point to fr/embed.html, which does not exist.
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

  it('points to the embed page beside an English page, and at the site root from a French one', async () => {
    window.history.replaceState(null, '', '/site/feedback-alignment.html#bp-vs-fa.seeds=2&other.x=1');
    expect(await copy()).toBe(`${location.origin}/site/embed.html?w=bp-vs-fa#bp-vs-fa.seeds=2`);
    const meta = document.createElement('meta');
    meta.name = 'local-minimum:root';
    meta.content = '../';
    document.head.append(meta);
    window.history.replaceState(null, '', '/site/fr/feedback-alignment.html#bp-vs-fa.seeds=2');
    expect(await copy()).toBe(`${location.origin}/site/embed.html?w=bp-vs-fa#bp-vs-fa.seeds=2`);
  });
});
