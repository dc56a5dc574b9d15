import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The benchmark page, built apart from the essay (scripts/bench.ts builds it into bench/out and
// serves it at /bench/ beside dist, so it fetches the site's /data/).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'out',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4000,
    // Minification renames the factory tfjs-backend-wasm's threaded build calls from its pthread
    // workers ("e is not defined"): unminified, the cross-origin isolated page can measure threads.
    minify: false,
    // The benchmark page, and the WebGPU engine's check page (tests/e2e/webgpu-engine.spec.ts).
    rollupOptions: { input: { index: fileURLToPath(new URL('index.html', import.meta.url)), webgpu: fileURLToPath(new URL('webgpu.html', import.meta.url)) } },
  },
  worker: { format: 'es' },
});
