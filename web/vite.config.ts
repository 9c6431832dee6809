/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The console is served by the dev.stoker.web bundle at /console and talks to /api/v1 on the same origin.
// JSX is compiled by esbuild directly: no React plugin is needed for a production build.
const root = fileURLToPath(new URL('./src/main/webapp', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  // Keep Vite's and Vitest's caches in web/node_modules, not under the source root.
  cacheDir: fileURLToPath(new URL('./node_modules/.vite', import.meta.url)),
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" for server components; meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /"use client"/.test(warning.message)) return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev` proxies the API to a running Stoker (default Karaf HTTP port).
    proxy: { '/api': process.env.STOKER_URL ?? 'http://localhost:8181' },
  },
  test: {
    root,
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./test/setup.ts'],
    include: ['**/*.test.{ts,tsx}'],
    // *.test-d.ts are checked by tsc, not run: app/api/types.test-d.ts holds the console's API types against
    // the OpenAPI document. Their tsconfig takes only those files and what they import, so it stays quick.
    typecheck: {
      enabled: true,
      include: ['**/*.test-d.ts'],
      tsconfig: fileURLToPath(new URL('./tsconfig.typecheck.json', import.meta.url)),
    },
    css: false,
    // The build machine has 2 cores and the Java build may run beside: a slow render is not a failure. Tests
    // wait for what they assert (findBy, waitFor), so a longer limit only matters when something is slow.
    testTimeout: 20_000,
  },
});
