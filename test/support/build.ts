import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Tests that run the built apps as processes (the launcher, two workers) find them here. */
export const repoRoot = join(__dirname, '../..');
export const builtEntry = (app: 'api' | 'worker' | 'launcher') => join(repoRoot, `dist/apps/${app}/src/main.js`);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ when it is missing or older than the sources (one `nest build` emits every app and lib).
 * Called once from jest's globalSetup, so parallel test files never build over each other.
 */
export function ensureBuilt(): void {
  const sources = Math.max(newestSource(join(repoRoot, 'apps')), newestSource(join(repoRoot, 'libs')));
  const stale = (['api', 'worker', 'launcher'] as const).some(
    (app) => !existsSync(builtEntry(app)) || statSync(builtEntry(app)).mtimeMs < sources,
  );
  if (!stale) return;
  try {
    execFileSync('npx', ['nest', 'build'], { cwd: repoRoot, stdio: 'pipe', timeout: 240_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npx nest build failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  }
}
