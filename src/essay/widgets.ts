/**
 * Widget tags: custom elements written in the Markdown on their own lines, e.g.
 *
 *   <overfit-mlp id="overfit" train-size="500"></overfit-mlp>
 *
 * Each is checked against its schema in the widget registry (unknown tag, unknown attribute or a
 * value outside the setting's range fails the build at its line) and rendered inside
 * `<figure class="widget-figure">` with a caption and a no-JavaScript fallback. Hyphenated tags
 * anywhere else in raw HTML fail the build too: a widget must stand on its own lines.
 */
import type { MarkdownIt, StateBlock, StateCore } from 'markdown-it';
import { allowedAttributes, attributeName, type WidgetSchema } from '../settings/schema.ts';
import { essayEnv, type EssayEnv } from './env.ts';
import { EssayError, fileLine } from './errors.ts';
import { escapeHtml } from './html.ts';
import { STRINGS, type Strings } from './strings.ts';
import { parseOpenTag, type Attribute } from './tags.ts';

interface WidgetMeta {
  schema: WidgetSchema;
  attrs: Attribute[];
  figure: number;
}

const OPEN = /^<([a-zA-Z][a-zA-Z0-9]*-[a-zA-Z0-9-]*)(?=[\s/>]|$)/;
const ANY_CUSTOM_TAG = /<\/?([a-zA-Z][a-zA-Z0-9]*-[a-zA-Z0-9-]*)(?=[\s/>]|$)/g;

export const NO_JS_MESSAGE = STRINGS.en.noJs;

function registered(env: EssayEnv): string {
  return [...env.widgets.keys()].map((t) => `<${t}>`).join(', ') || 'none';
}

/** Check one attribute's value against the schema; returns a reason or null. */
export function checkValue(schema: WidgetSchema, attr: Attribute): string | null {
  if (attr.name === 'seed') {
    const n = Number(attr.value);
    return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? null : `seed="${attr.value}" must be an integer from 0 to 4294967295`;
  }
  const setting = schema.settings.find((s) => attributeName(s.key) === attr.name);
  if (!setting) return null;
  if (setting.type === 'number') {
    const n = Number(attr.value);
    if (attr.value.trim() === '' || !Number.isFinite(n)) return `${attr.name}="${attr.value}" is not a number`;
    if (n < setting.min || n > setting.max) return `${attr.name}="${attr.value}" is outside [${setting.min}, ${setting.max}]`;
  } else if (setting.type === 'select') {
    const values = setting.options.map((o) => o.value);
    if (!values.includes(attr.value)) return `${attr.name}="${attr.value}" must be one of ${values.join(', ')}`;
  } else if (!['', 'true', 'false', '1', '0', 'on', 'off'].includes(attr.value)) {
    return `${attr.name}="${attr.value}" must be true or false`;
  }
  return null;
}

function validate(tag: string, attrs: Attribute[], env: EssayEnv, line: number): WidgetSchema {
  const schema = env.widgets.get(tag);
  if (!schema) throw new EssayError(env.file, line, `unknown widget <${tag}> (registered: ${registered(env)})`);
  const allowed = allowedAttributes(schema);
  const seen = new Set<string>();
  for (const attr of attrs) {
    if (seen.has(attr.name)) throw new EssayError(env.file, line, `<${tag}> has attribute ${attr.name} twice`);
    seen.add(attr.name);
    if (!allowed.includes(attr.name)) {
      throw new EssayError(env.file, line, `<${tag}> has no attribute "${attr.name}" (allowed: ${allowed.join(', ')})`);
    }
    const problem = checkValue(schema, attr);
    if (problem) throw new EssayError(env.file, line, `<${tag}>: ${problem}`);
    if (attr.name === 'id') {
      if (env.widgetIds.has(attr.value)) throw new EssayError(env.file, line, `two widgets on this page have id="${attr.value}"`);
      env.widgetIds.add(attr.value);
    }
  }
  return schema;
}

function widgetBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const open = OPEN.exec(state.src.slice(start, state.eMarks[startLine]));
  if (!open) return false;
  if (silent) return true;

  const env = essayEnv(state.env);
  const line = fileLine(env, startLine);
  const tag = open[1].toLowerCase();
  const close = `</${tag}>`;
  // The element runs until its closing tag, which must come before the next blank line.
  let last = startLine;
  while (!state.src.slice(start, state.eMarks[last]).toLowerCase().includes(close)) {
    last++;
    if (last >= endLine || state.isEmpty(last)) {
      throw new EssayError(env.file, line, `<${tag}> needs a closing ${close} before the next blank line (custom elements cannot self-close)`);
    }
  }
  const text = state.src.slice(start, state.eMarks[last]);
  const parsed = parseOpenTag(text);
  if (!parsed) throw new EssayError(env.file, line, `cannot parse the opening tag of <${tag}>`);
  const closeAt = text.toLowerCase().indexOf(close, parsed.end);
  if (closeAt === -1 || parsed.selfClosing) {
    throw new EssayError(env.file, line, `<${tag}> needs a closing ${close} (custom elements cannot self-close)`);
  }
  if (text.slice(parsed.end, closeAt).trim() !== '') {
    throw new EssayError(env.file, line, `<${tag}> must be empty: put text in its caption="…" attribute or in the prose`);
  }
  if (text.slice(closeAt + close.length).trim() !== '') {
    throw new EssayError(env.file, line, `nothing may follow ${close} on its line`);
  }
  const schema = validate(tag, parsed.attrs, env, line);
  env.figures++;
  const token = state.push('widget', tag, 0);
  token.block = true;
  token.map = [startLine, last + 1];
  const id = parsed.attrs.find((a) => a.name === 'id')?.value;
  if (id) env.widgetsById.set(id, { schema, figure: env.figures, attrs: parsed.attrs, line });
  env.figureList.push({ tag, id: id ?? null, line });
  const meta: WidgetMeta = { schema, attrs: parsed.attrs, figure: env.figures };
  token.meta = { ...meta };
  state.line = last + 1;
  return true;
}

/** Core pass: any custom tag left in raw HTML is either unknown or misplaced. */
function rejectStrayTags(state: StateCore): void {
  const env = essayEnv(state.env);
  const check = (html: string, bodyLine: number, context: string, offset: number) => {
    // Blank out comments (keeping offsets) so a commented-out tag is not an error.
    const visible = html.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
    for (const match of visible.matchAll(ANY_CUSTOM_TAG)) {
      const tag = match[1].toLowerCase();
      const line = fileLine(env, bodyLine, context, offset + match.index);
      if (!env.widgets.has(tag)) throw new EssayError(env.file, line, `unknown widget <${tag}> (registered: ${registered(env)})`);
      throw new EssayError(env.file, line, `widget <${tag}> must stand on its own line, outside other HTML and text`);
    }
  };
  for (const block of state.tokens) {
    const bodyLine = block.map ? block.map[0] : 0;
    if (block.type === 'html_block') check(block.content, bodyLine, block.content, 0);
    if (block.type !== 'inline' || !block.children) continue;
    let cursor = 0;
    for (const child of block.children) {
      if (child.type !== 'html_inline') continue;
      const at = block.content.indexOf(child.content, cursor);
      cursor = at === -1 ? cursor : at + child.content.length;
      check(child.content, bodyLine, block.content, Math.max(at, 0));
    }
  }
}

export function renderWidget(schema: WidgetSchema, attrs: Attribute[], figure: number, strings: Pick<Strings, 'figure' | 'noJs'> = STRINGS.en, tr: (text: string) => string = (text) => text): string {
  const attrText = attrs.map((a) => ` ${a.name}="${escapeHtml(a.value)}"`).join('');
  const caption = attrs.find((a) => a.name === 'caption')?.value ?? tr(schema.title);
  const tag = schema.tag;
  const reserve = schema.reserve ? ` data-reserve style="--lm-reserve: ${schema.reserve.wide}rem; --lm-reserve-narrow: ${schema.reserve.narrow}rem"` : '';
  return `<figure class="widget-figure" data-widget="${tag}">
<${tag}${attrText}${reserve}>
<div class="widget-fallback">
<p class="widget-fallback-title">${escapeHtml(tr(schema.title))}</p>
<noscript><p>${strings.noJs}</p></noscript>
</div>
</${tag}>
<figcaption><span class="figure-number">${strings.figure(figure)}</span> ${escapeHtml(caption)}</figcaption>
</figure>
`;
}

export function widgetPlugin(md: MarkdownIt): void {
  md.block.ruler.before('html_block', 'widget', widgetBlock, { alt: ['paragraph', 'reference', 'blockquote'] });
  md.core.ruler.after('inline', 'widget_stray_tags', rejectStrayTags);
  md.renderer.rules.widget = (tokens, idx, _options, env) => {
    const { schema, attrs, figure } = tokens[idx].meta as unknown as WidgetMeta;
    const { strings, tr } = essayEnv(env);
    return renderWidget(schema, attrs, figure, strings, tr);
  };
}
