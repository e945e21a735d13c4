import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { builtEntry, killProcessesUsing, processesUsing, repoRoot, zeroConfigEnv } from './support';

/*
 * `npm start` on a machine with nothing configured: the BUILT launcher (dist/) with no DATABASE_URL
 * and no REDIS_URL starts an embedded PostgreSQL in a temporary DATA_DIR, BullMQ on it, the api and
 * the worker; stops cleanly on SIGTERM; and a second start finds the same data.
 */
jest.setTimeout(180_000);

const root = repoRoot;
const launcher = builtEntry('launcher');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startLauncher(env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [launcher], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

const tail = (run: Run) => run.output.join('').split('\n').slice(-40).join('\n');

async function waitForHealth(run: Run, baseUrl: string, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (run.child.exitCode !== null || run.child.signalCode !== null)
      throw new Error(`launcher exited before /health answered:\n${tail(run)}`);
    try {
      if ((await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })).status === 200) return Date.now() - started;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no 200 from ${baseUrl}/health within ${timeoutMs / 1000} s:\n${tail(run)}`);
}

/**
 * The stack is up when the launcher says so (banner printed, runtime.json written), which comes after
 * the worker is ready too: the API alone answering /health is earlier than that.
 */
async function waitForStack(run: Run, baseUrl: string, dataDir: string, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  await waitForHealth(run, baseUrl, timeoutMs);
  while (!existsSync(join(dataDir, 'runtime.json'))) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) throw new Error(`launcher exited before it was ready:\n${tail(run)}`);
    if (Date.now() - started > timeoutMs) throw new Error(`launcher not ready within ${timeoutMs / 1000} s:\n${tail(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - started;
}

async function stop(run: Run, timeoutMs = 60_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  run.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`launcher did not exit within ${timeoutMs / 1000} s:\n${tail(run)}`)), timeoutMs)),
  );
  try {
    return await Promise.race([run.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('zero-config npm start (e2e)', () => {
  let workdir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let baseUrl: string;
  const runs: Run[] = [];

  beforeAll(async () => {
    // dist/ is built by jest's globalSetup (test/support/build.ts).
    expect(existsSync(launcher)).toBe(true);
    workdir = mkdtempSync(join(tmpdir(), 'acrm-zero-config-'));
    // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach DATA_DIR.
    chmodSync(workdir, 0o755);
    dataDir = join(workdir, 'data');
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    // A machine with no configuration: none of the apps' variables, only a free PORT and a private DATA_DIR.
    env = zeroConfigEnv({ PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', LOG_LEVEL: 'warn' });
  }, 300_000);

  afterAll(() => {
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    if (!workdir) return;
    killProcessesUsing(workdir);
    rmSync(workdir, { recursive: true, force: true });
  });

  const credentials = {
    workspaceName: 'Zero Config',
    name: 'Zed Zero',
    email: 'zed@zero-config.example',
    password: 'zero config password',
  };

  it('starts from nothing: embedded PostgreSQL, BullMQ on it, api and worker; answers /health, /docs and a signup; stops cleanly on SIGTERM', async () => {
    const run = startLauncher(env);
    runs.push(run);
    const readyMs = await waitForStack(run, baseUrl, dataDir);

    const app = await fetch(`${baseUrl}/app/`);
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<title>Ambassador CRM</title>');

    const openapi = await fetch(`${baseUrl}/docs/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { paths: object }).paths).toHaveProperty(['/v1/auth/signup']);

    const signup = await fetch(`${baseUrl}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    expect(signup.status).toBe(201);
    const { accessToken } = (await signup.json()) as { accessToken: string };
    const me = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);

    // runtime.json tells scripts where the stack runs; the queues live in the embedded database.
    const runtime = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8'));
    expect(runtime).toMatchObject({
      apiUrl: baseUrl.replace('127.0.0.1', 'localhost'),
      queueBackend: 'postgres',
      embeddedPostgres: true,
      pid: run.child.pid,
    });
    const db = new Client({ connectionString: runtime.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT current_database() AS name, to_regclass('bullmq.migration') IS NOT NULL AS bullmq`);
      expect(rows[0]).toEqual({ name: 'ambassador_crm', bullmq: true });
    } finally {
      await db.end();
    }
    expect(processesUsing(workdir).length).toBeGreaterThan(0);

    const exit = await stop(run);
    expect(exit).toEqual({ code: 0, signal: null });
    const output = run.output.join('');
    expect(output).toMatch(/embedded PostgreSQL initialised in \d+ ms/);
    expect(output).toContain(`${baseUrl.replace('127.0.0.1', 'localhost')}/v1`);
    // The console is the first address printed.
    expect(output.slice(output.indexOf('ambassador-crm is running')).split('\n')[1]).toContain(
      `Console    ${baseUrl.replace('127.0.0.1', 'localhost')}/app/`,
    );
    expect(output).toContain('npm run demo');
    expect(output).toMatch(/worker stopped \(exit code 0\)/);
    expect(output).toMatch(/embedded PostgreSQL stopped/);
    expect(processesUsing(workdir)).toEqual([]);
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
    console.log(`zero-config: first start (initdb + migrations + both apps) healthy after ${readyMs} ms`);
  });

  it('starts again on the same data without initialising it again', async () => {
    const run = startLauncher(env);
    runs.push(run);
    const readyMs = await waitForStack(run, baseUrl, dataDir);

    const login = await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: credentials.email, password: credentials.password }),
    });
    expect(login.status).toBe(200);

    expect(await stop(run)).toEqual({ code: 0, signal: null });
    const output = run.output.join('');
    expect(output).not.toMatch(/initialised in/);
    expect(output).toMatch(/embedded PostgreSQL started in \d+ ms/);
    expect(processesUsing(workdir)).toEqual([]);
    console.log(`zero-config: second start healthy after ${readyMs} ms`);
  });
});
