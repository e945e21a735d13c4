'use strict';
/*
 * Builds dist/ (`nest build`, which type-checks and emits every app and lib, then the browser apps of
 * apps/web with Vite: scripts/build-web.mjs) only when a source changed
 * since the last successful build. `npm start` runs it before the launcher, jest's globalSetup before the
 * suite: an unchanged checkout starts from dist/ at once. Plain CommonJS, because it runs before anything
 * is compiled.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const repoRoot = join(__dirname, '..');
/** Written after a successful build, dated when that build began (a source saved during the build stays newer). */
const stampFile = (root) => join(root, 'dist', '.build-stamp');
const sourceDirs = ['apps', 'libs'];
const configFiles = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'apps/web/vite.config.mts'];
/** What the builds read: TypeScript (the API, the worker, the web apps) and the web apps' pages and styles. */
const sourceFile = /(?<!\.spec)\.(ts|tsx|css|html)$/;

/** Newest mtime under `dir`: its sources and the directories themselves (a deleted or renamed file changes its directory). */
function newestSource(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (sourceFile.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isBuildCurrent(root = repoRoot) {
  if (!existsSync(stampFile(root))) return false;
  const newest = Math.max(
    ...sourceDirs.map((dir) => newestSource(join(root, dir))),
    ...configFiles.map((file) => statSync(join(root, file)).mtimeMs),
  );
  return newest < statSync(stampFile(root)).mtimeMs;
}

/** Records a successful build that began at `began`. */
function markBuilt(began, root = repoRoot) {
  writeFileSync(stampFile(root), `${began.toISOString()}\n`);
  utimesSync(stampFile(root), began, began);
}

/**
 * Runs `nest build` and the web build unless dist/ is current. `stdio: 'inherit'` shows the compiler's output as it comes;
 * `'pipe'` keeps it and puts it in the error a failed build throws. Returns whether it built.
 */
function buildIfStale({ stdio = 'inherit' } = {}) {
  if (isBuildCurrent()) return false;
  const began = new Date();
  run('nest build', [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], stdio);
  run('the web build', [join(repoRoot, 'scripts/build-web.mjs')], stdio);
  markBuilt(began);
  return true;
}

/**
 * No timeout: a first build took more than 5 minutes on a fresh clone of a loaded 2-core machine (load ~20), and a
 * timeout killed it there (`spawnSync ETIMEDOUT`), so `npm start` never started. A build is slow, not stuck: its
 * output shows it working, and Ctrl-C stops it.
 */
function run(what, args, stdio) {
  try {
    execFileSync(process.execPath, args, { cwd: repoRoot, stdio });
  } catch (error) {
    const output = `${error.stdout?.toString() ?? ''}${error.stderr?.toString() ?? ''}`;
    throw new Error(`${what} failed${output ? `:\n${output}` : ` (${error.message})`}`);
  }
}

module.exports = { buildIfStale, isBuildCurrent, markBuilt, repoRoot };

if (require.main === module) {
  const began = performance.now();
  try {
    if (!isBuildCurrent()) {
      console.log('Building dist/ (sources changed since the last build, or never built)...');
      buildIfStale();
      console.log(`Built in ${((performance.now() - began) / 1000).toFixed(1)} s`);
    }
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
