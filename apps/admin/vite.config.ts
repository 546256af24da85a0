import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { apiProxy } from './dev/api-proxy.js';
import { runtimeConfigPlugin } from './dev/runtime-config-plugin.js';
import { dataDirPatterns, SECRET_FILE_PATTERNS } from './dev/served-files.js';

const adminRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(adminRoot, '../..');

/** Where `/api` is proxied in development: the assistant service, which serves the admin API. */
const assistantUrl = process.env.ASSISTANT_URL ?? 'http://localhost:8080';

/** Vite's own default deny list (kept: setting `fs.deny` replaces it). */
const VITE_DEFAULT_DENY = ['.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '.yarnrc.yml', '**/.git/**'];

/**
 * Dev mode serves nothing but the admin: `/@fs/` may reach only the admin's own folder, the installed
 * packages and the workspace packages' sources it imports; the data folder and every secret or
 * database file are refused even there.
 */
const fsOptions = {
  strict: true,
  allow: [adminRoot, path.join(repoRoot, 'node_modules'), path.join(repoRoot, 'packages')],
  deny: [...new Set([...VITE_DEFAULT_DENY, ...SECRET_FILE_PATTERNS, ...dataDirPatterns(repoRoot, process.env.DATA_DIR)])],
};

/**
 * Frame and sniffing protection in dev as well (no CSP here: Vite's hot reload injects inline
 * scripts; the production server sends the full policy).
 */
const devHeaders = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
};

export default defineConfig({
  root: adminRoot,
  plugins: [react(), runtimeConfigPlugin()],
  // Workspace packages are bundled from their TypeScript sources (their `@agendo/source` export).
  resolve: { conditions: ['@agendo/source', ...defaultClientConditions] },
  build: { outDir: 'dist/public', emptyOutDir: true },
  server: {
    host: 'localhost',
    port: 5173,
    strictPort: true,
    cors: false,
    headers: devHeaders,
    fs: fsOptions,
    proxy: apiProxy(assistantUrl),
  },
  preview: {
    host: 'localhost',
    port: 5173,
    strictPort: true,
    cors: false,
    headers: devHeaders,
    proxy: apiProxy(assistantUrl),
  },
});
