import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** End-to-end tests: real Chromium against the real local stack (no mocks). One file, one stack. */
export default defineConfig({
  root,
  test: {
    root,
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 300_000,
    reporters: ['verbose'],
  },
});
