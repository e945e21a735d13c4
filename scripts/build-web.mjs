/*
 * Builds the browser apps (apps/web): the console into dist/web/app, the portal into dist/web/portal.
 * `npm run build` and scripts/build-if-stale.js (npm start, jest's globalSetup) run this after `nest build`.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../apps/web/vite.config.mts', import.meta.url));

// A production bundle even when the caller runs under NODE_ENV=test (jest's globalSetup) or development.
process.env.NODE_ENV = 'production';

for (const mode of ['console', 'portal']) await build({ configFile, mode });
