// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canExportPNG, downloadBlob, histogram, lineChart, okabeIto, svgBlob, toPNGBlob, toSVGString } from '../../../src/viz';
import { resolveCssVariables } from '../../../src/viz/export';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

function chart() {
  const c = lineChart({ title: 'Accuracy', xLabel: 'step' });
  c.setSeries('train', [0, 1, 2], [0.2, 0.5, 0.9]);
  c.setSeries('test', [0, 1, 2], [0.2, 0.4, 0.6]);
  c.render();
  return c;
}

function parse(text: string): Document {
  return new DOMParser().parseFromString(text, 'image/svg+xml');
}

describe('toSVGString', () => {
  it('produces a standalone SVG file: prolog, one xmlns, no CSS variables or currentColor', () => {
    const text = toSVGString(chart().element);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(text.match(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g)).toHaveLength(1);
    expect(text).not.toMatch(/var\(/);
    expect(text).not.toMatch(/currentColor/i);
    const doc = parse(text);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.documentElement.getAttribute('width')).toBe('480');
    expect(doc.querySelector('title')?.textContent).toBe('Accuracy');
    expect(doc.querySelectorAll('path.series')).toHaveLength(2);
  });

  it('uses the fallback colours off the page and the theme colours on it', () => {
    const c = chart();
    let doc = parse(toSVGString(c.element));
    expect(doc.querySelector('path.series')?.getAttribute('stroke')).toBe(okabeIto[0]);
    expect(doc.documentElement.getAttribute('font-family')).toBe('system-ui, sans-serif');

    const theme = document.createElement('div');
    theme.style.setProperty('--c0', '#123456');
    theme.style.setProperty('--font-sans', 'Georgia, serif');
    theme.style.setProperty('color', 'rgb(10, 20, 30)');
    theme.append(c.element);
    document.body.append(theme);
    doc = parse(toSVGString(c.element));
    const [train, test] = doc.querySelectorAll('path.series');
    expect(train.getAttribute('stroke')).toBe('#123456');
    expect(test.getAttribute('stroke')).toBe(okabeIto[1]);
    expect(doc.documentElement.getAttribute('font-family')).toBe('Georgia, serif');
    expect(doc.querySelector('.axis-label')?.getAttribute('fill')).toBe('rgb(10, 20, 30)');
    // The figure on the page is untouched.
    expect(c.element.querySelector('path.series')?.getAttribute('stroke')).toBe(`var(--c0, ${okabeIto[0]})`);
  });

  it('resolves nested variables and drops unresolvable ones', () => {
    const vars: Record<string, string> = { '--a': 'var(--b, red)', '--c': '' };
    const lookup = (n: string) => vars[n] ?? '';
    expect(resolveCssVariables('var(--a)', lookup)).toBe('red');
    expect(resolveCssVariables('var(--x, var(--y, rgb(1, 2, 3)))', lookup)).toBe('rgb(1, 2, 3)');
    expect(resolveCssVariables('1px solid var(--c)', lookup)).toBe('1px solid ');
    expect(resolveCssVariables('none', lookup)).toBe('none');
  });

  it('wraps the file in an image/svg+xml blob', async () => {
    const h = histogram({ title: 'Weights' });
    h.update([1, 2, 3]);
    const blob = svgBlob(h.element);
    expect(blob.type).toBe('image/svg+xml');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });
    expect(text).toContain('<title>Weights</title>');
  });
});

describe('toPNGBlob', () => {
  it('rejects with a clear message where there is no 2D canvas', async () => {
    // jsdom without the `canvas` package returns null from getContext (and logs "not implemented").
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    expect(canExportPNG(document)).toBe(false);
    await expect(toPNGBlob(chart().element)).rejects.toThrow(/PNG export needs a browser canvas/);
    await expect(toPNGBlob(document.createElement('canvas'), 1)).rejects.toThrow(/PNG export needs/);
  });
});

describe('downloadBlob', () => {
  it('clicks a temporary link to an object URL, then removes it', () => {
    vi.useFakeTimers();
    const created = vi.fn(() => 'blob:figure');
    const revoked = vi.fn();
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked });
    const clicks: { href: string; download: string }[] = [];
    document.addEventListener('click', (e) => {
      const a = e.target as HTMLAnchorElement;
      clicks.push({ href: a.href, download: a.download });
      e.preventDefault();
    }, { once: true });
    const blob = new Blob(['x'], { type: 'text/plain' });
    downloadBlob(blob, 'figure.svg');
    expect(created).toHaveBeenCalledWith(blob);
    expect(clicks).toEqual([{ href: 'blob:figure', download: 'figure.svg' }]);
    expect(document.querySelector('a')).toBeNull();
    vi.runAllTimers();
    expect(revoked).toHaveBeenCalledWith('blob:figure');
    vi.useRealTimers();
    Object.assign(URL, original);
  });

  it('throws where object URLs are unavailable', () => {
    const original = URL.createObjectURL;
    try {
      Object.assign(URL, { createObjectURL: undefined });
      expect(() => downloadBlob(new Blob(['x']), 'f.png')).toThrow(/URL.createObjectURL/);
    } finally {
      Object.assign(URL, { createObjectURL: original });
    }
  });
});
