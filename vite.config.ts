import { defineConfig } from 'vite';
import { essay } from './src/essay/plugin.ts';

// The site is static: every content/*.md becomes its own HTML page (src/essay/plugin.ts).
export default defineConfig({
  base: './',
  plugins: [essay({ contentDir: 'content' })],
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
