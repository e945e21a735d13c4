import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { builtEntry, repoRoot } from './build';
import { eventually, freePort, ManagedProcess } from './processes';

/** The built api or worker as operators run it: `node dist/apps/<app>/src/main.js` with `env` only. */
export class AppUnderTest {
  readonly process: ManagedProcess;

  constructor(
    readonly app: 'api' | 'worker',
    /** The api's PORT, or the worker's WORKER_HEALTH_PORT. */
    readonly port: number,
    env: Record<string, string>,
    label: string = app,
  ) {
    const portVariable = app === 'api' ? 'PORT' : 'WORKER_HEALTH_PORT';
    // The launcher's preload: should the test process die without stopping it, the app stops itself.
    const preload = join(repoRoot, 'dist/apps/launcher/src/exit-with-parent.js');
    this.process = new ManagedProcess(label, process.execPath, ['--require', preload, builtEntry(app)], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env, [portVariable]: String(port) },
      ipc: true,
    });
  }

  static async start(app: 'api' | 'worker', env: Record<string, string>, label?: string, timeoutMs?: number): Promise<AppUnderTest> {
    const started = new AppUnderTest(app, await freePort(), env, label);
    await started.start(timeoutMs);
    return started;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** supertest against the running process. */
  get http(): TestAgent {
    return request(this.baseUrl) as unknown as TestAgent;
  }

  /** GET /health: its status and body, or undefined while nothing listens. */
  async health(): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
    try {
      const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    } catch {
      return undefined;
    }
  }

  /** Starts the process (again) and resolves once its HTTP port answers (whatever /health says). */
  async start(timeoutMs = 60_000): Promise<void> {
    this.process.start();
    await eventually(
      `${this.process.name} answering /health`,
      async () => {
        if (!this.process.running) throw new Error('exited');
        return (await this.health()) !== undefined;
      },
      { timeoutMs, intervalMs: 100, logs: () => this.process.tail() },
    );
  }

  stop(signal?: NodeJS.Signals): Promise<void> {
    return this.process.stop(signal);
  }

  tail(count?: number): string {
    return this.process.tail(count);
  }
}
