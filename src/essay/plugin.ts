/**
 * The essay as a Vite plugin: every `content/*.md` becomes a static HTML page.
 *
 * How it works
 * - Pages are virtual HTML modules named `<root>/<slug>.html` (`index` is the landing page). No
 *   HTML file exists on disk: `config()` lists them as `build.rolldownOptions.input`, and
 *   `resolveId`/`load` hand Vite the rendered HTML, which Vite's own HTML pipeline then bundles
 *   like any HTML entry: the `<link>` to src/styles/main.css (KaTeX's CSS and fonts included) and
 *   the `<script type="module" src="/src/essay/client.ts">` become hashed files under assets/.
 *   Output: `dist/index.html`, `dist/<slug>.html`, `dist/assets/*`, all linked relatively (base './').
 * - In dev, a middleware renders the requested page (`/`, `/<slug>.html` or `/<slug>`) on each
 *   request and passes it through `server.transformIndexHtml`; any change under content/ or
 *   src/widgets/ sends a full reload.
 * - Rendering (render.ts and friends) is pure and fails with `file:line: reason` on bad math,
 *   unknown citations, unknown widgets or bad widget attributes; the build stops on the first one.
 * - Widget schemas come from src/widgets/registry.ts through Vite's module runner (schemas.ts).
 *
 * Adding a chapter: create `content/NN-name.md` with front matter (title, order, summary,
 * sources); it becomes `name.html` and joins the landing page and the previous/next links.
 */
import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { WidgetSchema } from '../settings/schema.ts';
import fs from 'node:fs';
import { FRENCH_DIR, listMarkdown, readContent } from './content.ts';
import { escapeHtml } from './html.ts';
import { loadWidgetSchemas } from './schemas.ts';
import { pageSlugs, planSite, renderPage, renderSite, slugOf } from './site.ts';

export interface EssayOptions {
  /** Folder of the Markdown chapters and references.json, relative to the Vite root. */
  contentDir: string;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

export function essay(options: EssayOptions): Plugin {
  let root = process.cwd();
  let command: 'build' | 'serve' = 'serve';
  let pages = new Map<string, string>();
  let schemas: Promise<WidgetSchema[]> | null = null;
  const contentDir = () => path.resolve(root, options.contentDir);
  const pageId = (slug: string) => toPosix(path.join(root, `${slug}.html`));
  const slugOfId = (id: string) => {
    const rel = toPosix(path.relative(root, id.split('?')[0]));
    return /^(?:fr\/)?[a-z0-9-]+\.html$/.test(rel) ? rel.slice(0, -'.html'.length) : null;
  };
  const widgetSchemas = () => (schemas ??= loadWidgetSchemas(root));

  return {
    name: 'local-minimum:essay',
    enforce: 'pre',

    config(userConfig) {
      root = path.resolve(userConfig.root ?? process.cwd());
      const slugs = ['index', ...listMarkdown(contentDir()).map(slugOf).filter((s) => s !== 'index'), 'present', 'embed'];
      // The French edition (content/fr/*.md): fr/index, each translated chapter, fr/present and fr/embed.
      const french = listMarkdown(path.join(contentDir(), FRENCH_DIR)).map(slugOf).filter((s) => s !== 'index');
      if (french.length > 0 || fs.existsSync(path.join(contentDir(), FRENCH_DIR, 'index.md'))) slugs.push(...['index', ...french, 'present', 'embed'].map((s) => `fr/${s}`));
      return {
        // A multi-page site: an unknown URL is a 404, not the landing page.
        appType: 'mpa',
        build: { rolldownOptions: { input: Object.fromEntries(slugs.map((s) => [s, pageId(s)])) } },
        // No HTML on disk for the dependency scanner to crawl: start it from the client entry and
        // the lazily loaded widget and runtime code, so the first visit does not re-optimize.
        optimizeDeps: { entries: ['src/essay/client.ts', 'src/widgets/**/*.ts', 'src/runtime/**/*.ts'] },
      };
    },

    configResolved(config) {
      root = config.root;
      command = config.command;
    },

    async buildStart() {
      if (command !== 'build') return;
      const { files, french, bibliography } = readContent(root, options.contentDir);
      pages = renderSite(files, { bibliography, widgets: await widgetSchemas() }, french);
      for (const file of [...files, ...french]) this.addWatchFile(path.resolve(root, file.file));
    },

    resolveId(id) {
      const slug = slugOfId(path.isAbsolute(id) ? id : path.join(root, id));
      return slug !== null && pages.has(slug) ? pageId(slug) : null;
    },

    load(id) {
      const slug = slugOfId(id);
      return slug !== null && pages.has(slug) ? pages.get(slug)! : null;
    },

    // Same-origin assets need no CORS mode; without it a page saved to disk (file://) keeps its styles.
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/(<link rel="stylesheet") crossorigin/g, '$1'),
    },

    configureServer(server) {
      server.watcher.add(contentDir());
      const onChange = (file: string) => {
        const rel = toPosix(path.relative(root, file));
        if (rel.startsWith('src/widgets/')) schemas = null;
        if (rel.startsWith(`${toPosix(options.contentDir)}/`) || rel.startsWith('src/widgets/')) {
          server.ws.send({ type: 'full-reload', path: '*' });
        }
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '/').split(/[?#]/)[0];
        const match = /^\/(fr\/)?(?:([a-z0-9-]+?)(?:\.html)?)?$/.exec(url);
        if (!match) return next();
        const slug = `${match[1] ?? ''}${match[2] ?? 'index'}`;
        servePage(server, root, options.contentDir, slug, widgetSchemas)
          .then(async (html) => {
            if (html === null) return next();
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(await server.transformIndexHtml(url, html, req.originalUrl));
          })
          .catch(next);
      });
    },
  };
}

/**
 * A French page sits one folder down (fr/), but vite-plugin-pwa links its web app manifest as if
 * every page were at the root. Listed after the PWA plugin in vite.config.ts, so it sees its link.
 */
export function editionLinks(): Plugin {
  return {
    name: 'local-minimum:edition-links',
    enforce: 'post',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => (/(^|\/)fr\/[^/]+$/.test(ctx.path) ? html.replace('href="./manifest.webmanifest"', 'href="../manifest.webmanifest"') : html),
    },
  };
}

/** Render one page fresh from disk; a render error becomes an error page that reloads once fixed. */
async function servePage(server: ViteDevServer, root: string, contentDir: string, slug: string, schemas: () => Promise<WidgetSchema[]>): Promise<string | null> {
  try {
    const { files, french, bibliography } = readContent(root, contentDir);
    // A French page: the whole site is rendered (its parity checks need the English twins); dev only.
    if (slug.startsWith('fr/')) return renderSite(files, { bibliography, widgets: await schemas() }, french).get(slug) ?? null;
    const plan = planSite(files);
    if (!pageSlugs(plan).includes(slug)) return null;
    return renderPage(plan, slug, { bibliography, widgets: await schemas() });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    server.config.logger.error(message, { timestamp: true });
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Essay build error</title></head>
<body><main><h1>The essay does not build</h1><pre>${escapeHtml(message)}</pre><p>Fix the source; this page reloads by itself.</p></main></body></html>`;
  }
}
