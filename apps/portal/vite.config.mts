import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The portal is built into dist/portal by `npm run build` and served by the API on the same
// origin (apps/api/src/portal); `--outDir` overrides the folder (the browser tests build their own).
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../../dist/portal'),
    emptyOutDir: true,
    // CSP default-src 'self': no inlined scripts; small assets may be data: images only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { port: 3510, proxy: { '/graphql': 'http://127.0.0.1:3000', '/v1': 'http://127.0.0.1:3000' } },
});
