/** A small parser for one HTML opening tag: `<name a="1" b='2' c=3 d>`. */
export interface Attribute {
  name: string;
  value: string;
}

export interface OpenTag {
  name: string;
  attrs: Attribute[];
  /** Index just past the tag's `>`. */
  end: number;
  selfClosing: boolean;
}

const NAME = /^<([a-zA-Z][a-zA-Z0-9-]*)/;
const ATTR = /^([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode character references in an attribute value: `&amp;`, `&#39;`, `&#x2014;` … */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Parse the opening tag at the start of `text`; null when it is not one. */
export function parseOpenTag(text: string): OpenTag | null {
  const head = NAME.exec(text);
  if (!head) return null;
  const attrs: Attribute[] = [];
  let i = head[0].length;
  for (;;) {
    const ws = /^\s*/.exec(text.slice(i))![0].length;
    i += ws;
    if (text.startsWith('/>', i)) return { name: head[1].toLowerCase(), attrs, end: i + 2, selfClosing: true };
    if (text[i] === '>') return { name: head[1].toLowerCase(), attrs, end: i + 1, selfClosing: false };
    if (ws === 0) return null;
    const m = ATTR.exec(text.slice(i));
    if (!m) return null;
    attrs.push({ name: m[1].toLowerCase(), value: decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') });
    i += m[0].length;
  }
}
