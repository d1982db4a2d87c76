import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@tsunagu/contracts': `${workspace}libs/contracts/src/index.ts`,
      // The CSV writer alone: the library's reader of uploaded files (decode.ts) needs Node's iconv-lite and Buffer.
      '@tsunagu/util-csv': `${workspace}libs/util/csv/src/lib/csv.ts`,
      // 和暦 and 年度 as the services write them (one implementation); the module alone, without the holiday table.
      '@tsunagu/util-japanese-calendar': `${workspace}libs/util/japanese-calendar/src/lib/wareki.ts`,
      // The shared CSV writer imports csv-stringify's Node build; in the browser its self-contained build (no Buffer).
      'csv-stringify/sync': 'csv-stringify/browser/esm/sync',
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // `npm start` serves the APIs and the idp on :8080; the dev server forwards to it.
    proxy: { '/api': 'http://localhost:8080', '/idp': 'http://localhost:8080' },
  },
  build: {
    outDir: `${workspace}dist/apps/console`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  test: {
    root,
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
    environment: 'node',
  },
});
