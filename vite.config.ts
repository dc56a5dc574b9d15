import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { essay } from './src/essay/plugin.ts';

// tfjs-backend-wasm's threaded build cannot run without cross-origin isolation; see the stub.
const noThreads = fileURLToPath(new URL('./src/runtime/wasm-no-threads.ts', import.meta.url));

// The site is static: every content/*.md becomes its own HTML page (src/essay/plugin.ts).
export default defineConfig({
  base: './',
  plugins: [essay({ contentDir: 'content' })],
  resolve: {
    alias: [{ find: /^\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/, replacement: noThreads }],
  },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { output: { comments: false } },
  },
  worker: {
    format: 'es',
    // Vite 8 otherwise keeps thousands of licence comments in worker bundles.
    rolldownOptions: { output: { comments: false } },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
