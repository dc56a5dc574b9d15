/**
 * Lecture scenes: presets of one widget that a lecturer steps through in projector mode. A fenced
 * block with the info `scenes for=<widget id>`, after the widget it names, holds one scene a line:
 * attributes as on the widget's tag (checked against its schema exactly as the tag's own), a `|`,
 * then the note shown with the scene:
 *
 *   ```scenes for=overfit
 *   train-size=100 seed=1 | A hundred digits: the network learns them by heart.
 *   train-size=12000 seed=1 | All the digits: the gap between train and test nearly closes.
 *   ```
 *
 * A setting a scene leaves out takes the tag's value, then the schema's default, so a scene is the
 * same every time. Rendered as a <details> list that reads without JavaScript; each scene links to
 * `#<id>.scene=<n>`, which the widget applies (src/widgets/base/scenes.ts).
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { allowedAttributes } from '../settings/schema.ts';
import { essayEnv } from './env.ts';
import { EssayError, fileLine } from './errors.ts';
import { escapeHtml } from './html.ts';
import { STRINGS } from './strings.ts';
import { parseOpenTag, type Attribute } from './tags.ts';
import { checkValue } from './widgets.ts';

const INFO = /^scenes(?:\s+for=([A-Za-z][\w-]*))?\s*$/;
/** Attributes a scene may not set: they name or label the figure, not its state. */
const NOT_IN_SCENES = new Set(['id', 'class', 'caption', 'autoplay']);

export interface Scene {
  attrs: Attribute[];
  note: string;
}

interface ScenesMeta {
  id: string;
  figure: number;
  scenes: Scene[];
  /** "Lecture scenes for Figure n (N): …" in the page's language. */
  summary?: string;
}

/** Parse and check one block's lines; `fail(i, why)` reports line i of the block. */
export function parseScenes(body: string, allowed: readonly string[], check: (attr: Attribute) => string | null, fail: (lineIndex: number, why: string) => never): Scene[] {
  const scenes: Scene[] = [];
  body.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const bar = line.indexOf('|');
    if (bar < 0) fail(i, 'a scene needs its note after a "|": `train-size=100 seed=1 | What to look at`');
    const note = line.slice(bar + 1).trim();
    if (note === '') fail(i, 'a scene needs a note after its "|"');
    const settings = line.slice(0, bar).trim();
    const tag = settings === '' ? { attrs: [] } : parseOpenTag(`<scene ${settings}>`);
    if (!tag) fail(i, `cannot read the scene's settings "${settings}" (write them as name=value, space-separated)`);
    const seen = new Set<string>();
    for (const attr of tag.attrs) {
      if (NOT_IN_SCENES.has(attr.name) || !allowed.includes(attr.name)) fail(i, `a scene cannot set "${attr.name}" (allowed: ${allowed.filter((a) => !NOT_IN_SCENES.has(a)).join(', ')})`);
      if (seen.has(attr.name)) fail(i, `the scene sets ${attr.name} twice`);
      seen.add(attr.name);
      const problem = check(attr);
      if (problem) fail(i, problem);
    }
    scenes.push({ attrs: tag.attrs, note });
  });
  if (scenes.length === 0) fail(0, 'a scenes block needs at least one scene');
  return scenes;
}

/** Core pass: every `scenes` fence becomes a checked scenes token. */
function collectScenes(state: StateCore): void {
  const env = essayEnv(state.env);
  for (const token of state.tokens) {
    if (token.type !== 'fence' || !/^scenes\b/.test(token.info.trim())) continue;
    const bodyLine = token.map ? token.map[0] : 0;
    const at = (i: number) => fileLine(env, bodyLine + 1 + i);
    const m = INFO.exec(token.info.trim());
    if (!m || !m[1]) throw new EssayError(env.file, at(-1), 'a scenes block names its widget: ```scenes for=<widget id>');
    const widget = env.widgetsById.get(m[1]);
    if (!widget) throw new EssayError(env.file, at(-1), `scenes for "${m[1]}": no widget with that id above this block (ids: ${[...env.widgetsById.keys()].join(', ') || 'none'})`);
    const scenes = parseScenes(token.content, allowedAttributes(widget.schema), (attr) => checkValue(widget.schema, attr), (i, why) => {
      throw new EssayError(env.file, at(i), `scenes for "${m[1]}": ${why}`);
    });
    token.type = 'scenes';
    token.meta = { id: m[1], figure: widget.figure, scenes, summary: env.strings.scenesSummary(widget.figure, scenes.length) } satisfies ScenesMeta;
    env.scenes.push({ id: m[1], figure: widget.figure, title: env.tr(widget.schema.title), notes: scenes.map((sc) => sc.note), settings: scenes.map((sc) => sc.attrs), line: at(-1) });
  }
}

export function renderScenes({ id, figure, scenes, summary }: ScenesMeta): string {
  const items = scenes
    .map((scene, i) => {
      const settings = scene.attrs.map((a) => `${a.name}=${a.value}`).join(' ');
      const shown = scene.attrs.map((a) => `${a.name.replace(/-/g, ' ')} ${a.value}`).join(', ');
      return `<li data-scene="${escapeHtml(settings)}"><a href="#${id}.scene=${i + 1}">${escapeHtml(scene.note)}</a>${shown ? ` <span class="scene-settings">(${escapeHtml(shown)})</span>` : ''}</li>`;
    })
    .join('\n');
  return `<details class="lm-scenes" data-for="${id}">
<summary>${summary ?? STRINGS.en.scenesSummary(figure, scenes.length)}</summary>
<ol>
${items}
</ol>
</details>
`;
}

export function scenesPlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'lecture_scenes', collectScenes);
  md.renderer.rules.scenes = (tokens: Token[], idx: number) => renderScenes(tokens[idx].meta as unknown as ScenesMeta);
}
