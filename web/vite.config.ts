/**
 * The web app's build: root web/, output web/dist (served by the API server), workers as ES modules (Monaco's
 * workers and the sandbox worker). In development `/api` is proxied to the server on 127.0.0.1:3000.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { PAGE_CSP } from '../server/src/contract.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const monacoRoot = path.resolve(here, '../node_modules/monaco-editor/esm/vs');

/**
 * The page's Content-Security-Policy (server/src/contract.ts) as a `<meta>` in the built app (not the dev server,
 * whose React refresh needs inline scripts). The server also sends it as a header, with `frame-ancestors`.
 */
const CSP = Object.entries(PAGE_CSP)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'judge-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    // monaco-editor's package exports map every subpath to a .js file; its stylesheets are reached directly.
    alias: [{ find: /^monaco-editor\/(.*\.css)$/, replacement: `${monacoRoot}/$1` }],
  },
  worker: { format: 'es' },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2023',
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
});
