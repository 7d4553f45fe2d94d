/**
 * The web app's build: root web/, output web/dist (served by the API server), workers as ES modules (Monaco's
 * workers and the sandbox worker). In development `/api` is proxied to the server on 127.0.0.1:3000.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const monacoRoot = path.resolve(here, '../node_modules/monaco-editor/esm/vs');

/**
 * A Content-Security-Policy for the built app (not the dev server, whose React refresh needs inline scripts).
 * Monaco needs inline style attributes; QuickJS and esbuild need 'wasm-unsafe-eval'; esbuild-wasm starts its worker
 * from a blob: URL. Nothing is loaded from other origins.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

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
