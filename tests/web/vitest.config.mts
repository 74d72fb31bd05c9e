// Vitest setup for the web tests. @capacitor/core is inlined so that vi.resetModules() gives each
// recording-bridge test a fresh Capacitor runtime (it reads the platform when it loads).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/web/**/*.test.ts'],
    environment: 'node',
    server: { deps: { inline: ['@capacitor/core'] } },
  },
});
