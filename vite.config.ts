import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { editionLinks, essay } from './src/essay/plugin.ts';

// tfjs-backend-wasm's threaded build cannot run without cross-origin isolation; see the stub.
const noThreads = fileURLToPath(new URL('./src/runtime/wasm-no-threads.ts', import.meta.url));
// d3-scale's interpolators for numbers alone (no d3-color); see the stand-in.
const d3InterpolateNumeric = fileURLToPath(new URL('./src/viz/d3-interpolate-numeric.ts', import.meta.url));
// tfjs-core's model-storage routers and optimizer registry, unused here; see the stub.
const tfjsUnused = fileURLToPath(new URL('./src/runtime/tfjs-unused.ts', import.meta.url));
const UNUSED_TFJS: Record<string, string[]> = {
  'tfjs-core/dist/io/io.js': ['./indexed_db', './local_storage'],
  'tfjs-core/dist/platforms/platform_browser.js': ['../io/indexed_db', '../io/local_storage'],
  'tfjs-core/dist/index.js': ['./optimizers/register_optimizers'],
  'tfjs-core/dist/base_side_effects.js': ['./platforms/platform_node'],
  'tfjs-core/dist/tensor.js': ['./tensor_format'],
};
/** `vite build` only (pages and workers): resolve those imports of tfjs-core to the stub. */
function trimTfjs(): Plugin {
  return {
    name: 'local-minimum:trim-tfjs',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      const from = importer?.replace(/\\/g, '/');
      const hit = from && Object.entries(UNUSED_TFJS).some(([file, ids]) => from.endsWith(`@tensorflow/${file}`) && ids.includes(source));
      return hit ? tfjsUnused : null;
    },
  };
}

/**
 * Offline install: a Workbox service worker (dist/sw.js) precaches the whole site after the first
 * visit: every page, script, stylesheet, WASM file, KaTeX font (woff2: every browser with service
 * workers reads it, so the woff/ttf fallbacks are left out), dataset (public/data) and model
 * (public/models), ~20 MB. The page registers it itself (src/essay/offline.ts, a few hundred bytes,
 * instead of workbox-window: the page budget); a new version waits until the reader accepts the
 * "Reload" prompt, so no page runs half old, half new code. Dev (`npm start`) has no service worker.
 */
const offline = VitePWA({
  injectRegister: false,
  registerType: 'prompt',
  manifest: {
    name: 'Local Minimum: is deep learning in a local minimum?',
    short_name: 'Local Minimum',
    description: 'An interactive essay whose models train in your browser, offline too.',
    lang: 'en',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#1d5fb8',
    background_color: '#fcfcfa',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    // The manifest and its icons are added by the plugin.
    globPatterns: ['**/*.{html,js,css,wasm,woff2}', 'data/*.gz', 'models/**/*.{json,bin}'],
    // The largest file is Fashion-MNIST's training images (5.3 MB); Workbox's default stops at 2 MB.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    // Vite's hashed asset names already change with their content.
    dontCacheBustURLsMatching: /^assets\/.+-[\w-]{8}\.\w+$/,
    // A page opened as `x.html?backend=cpu` is still x.html (widget state lives in the hash).
    ignoreURLParametersMatching: [/.*/],
    navigateFallback: null,
    // The first install takes the open page at once (nothing older to clash with); later versions
    // wait for the reader's "Reload" (skipWaiting stays off).
    clientsClaim: true,
    cleanupOutdatedCaches: true,
  },
});

/**
 * A hash of the shipped data and models. The worker's build (its content-hashed file name) names
 * the remembered first evaluations (src/runtime/snapshots.ts); data or weights can change without
 * the worker's code changing, so the worker carries this hash too.
 */
function assetsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(name).update(readFileSync(path));
    }
  };
  for (const dir of ['public/data', 'public/models']) walk(fileURLToPath(new URL(`./${dir}`, import.meta.url)));
  return hash.digest('hex').slice(0, 12);
}

// The site is static: every content/*.md (and content/fr/*.md, the French edition under fr/) becomes its own HTML page (src/essay/plugin.ts).
export default defineConfig({
  base: './',
  define: { __LM_ASSETS__: JSON.stringify(assetsHash()) },
  plugins: [trimTfjs(), essay({ contentDir: 'content' }), offline, editionLinks()],
  resolve: {
    alias: [
      { find: /^\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/, replacement: noThreads },
      { find: /^d3-interpolate$/, replacement: d3InterpolateNumeric },
    ],
  },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { output: { comments: false } },
  },
  worker: {
    format: 'es',
    plugins: () => [trimTfjs()],
    // Vite 8 otherwise keeps thousands of licence comments in worker bundles.
    rolldownOptions: { output: { comments: false } },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
