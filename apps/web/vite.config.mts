import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

/**
 * One config, two browser apps (web.md): `--mode console` builds the manager console served at /app,
 * `--mode portal` the ambassador portal at /portal. Each has its own index.html under src/<mode>/ and
 * shares src/api and src/ui. Output: dist/web/<app|portal>/, hashed assets in assets/.
 */
const apps = {
  console: { base: '/app/', out: 'app' },
  portal: { base: '/portal/', out: 'portal' },
} as const;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(({ mode }) => {
  const app = apps[mode as keyof typeof apps];
  if (!app) throw new Error(`vite --mode must be one of ${Object.keys(apps).join(', ')}`);
  return {
    root: here(`./src/${mode}`),
    base: app.base,
    plugins: [tailwindcss()],
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: here(`../../dist/web/${app.out}`),
      emptyOutDir: true,
      chunkSizeWarningLimit: 600,
      rolldownOptions: {
        // React Server Components' "use client" markers mean nothing in a client-only bundle.
        onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning),
      },
    },
    // `npm run dev:web`: the API (npm start, port 3000) answers /v1; cookies stay first-party through the proxy.
    server: { port: 5173, proxy: { '/v1': process.env.API_URL ?? 'http://localhost:3000' } },
    clearScreen: false,
    logLevel: 'warn',
  };
});
