import { join } from 'node:path';
import { buildIfStale, repoRoot } from '../../scripts/build-if-stale';

/** Tests that run the built apps as processes (the launcher, two workers) find them here. */
export { repoRoot };
export const builtEntry = (app: 'api' | 'worker' | 'launcher') => join(repoRoot, `dist/apps/${app}/src/main.js`);

/**
 * Builds dist/ when it is missing or older than the sources (the same check as `npm start`). Called once
 * from jest's globalSetup, so parallel test files never build over each other.
 */
export function ensureBuilt(): void {
  buildIfStale({ stdio: 'pipe' });
}
