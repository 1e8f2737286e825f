import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_LAUNCH } from './test/helpers/chromium.ts';

export default defineConfig({
  test: {
    // Real WebDAV servers, started once per run for every project that needs them.
    globalSetup: ['test/harness/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/interop/**',
            'test/browser/**',
            'test/e2e/**',
            'test/tooling/**',
            '**/node_modules/**',
          ],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
        },
      },
      {
        test: {
          name: 'interop',
          environment: 'node',
          include: ['test/interop/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'tooling',
          environment: 'node',
          // Installs the pinned runtimes (Node 22, Deno, Bun, workerd) and packs davkit, once per run.
          globalSetup: ['test/tooling/runtimes/global-setup.ts'],
          include: ['test/tooling/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        publicDir: 'test/browser/public',
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: CHROMIUM_LAUNCH }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
