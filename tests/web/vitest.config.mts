// Vitest setup for the web tests. @capacitor/core is inlined so that vi.resetModules() gives each
// recording-bridge test a fresh Capacitor runtime (it reads the platform when it loads).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  // The app-usage example imports the package by name, as the app does.
  resolve: {
    alias: { '@timesafari/daily-notification-plugin-rs': fileURLToPath(new URL('../../src-ts/index.ts', import.meta.url)) },
  },
  test: {
    include: ['tests/web/**/*.test.ts'],
    environment: 'node',
    server: { deps: { inline: ['@capacitor/core'] } },
  },
});
