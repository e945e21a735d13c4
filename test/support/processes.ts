import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

export { freePort } from '../../apps/launcher/src/ports';

/*
 * Real processes for fault tests (private-servers.ts: a Redis and a PostgreSQL of the test's own;
 * app-under-test.ts: the built api and worker). Every child is registered: stopAllProcesses() in afterAll
 * stops them all, and a last-resort SIGKILL when the jest worker exits, so a failing test leaves nothing running.
 */

/** Every process this test file started (jest gives each file its own module registry). */
const started = new Set<ManagedProcess>();
let guarded = false;

function track(process_: ManagedProcess, child: ChildProcess): void {
  if (!guarded) process.once('exit', () => started.forEach((p) => p.killNow()));
  guarded = true;
  started.add(process_);
  child.once('exit', () => started.delete(process_));
}

/**
 * Stops everything the test file started, including processes whose start-up failed half-way (call it in
 * afterAll): the apps first, while the servers they use still answer, then the private servers.
 */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...started].filter((p) => !p.options.server).map((p) => p.stop()));
  await Promise.all([...started].map((p) => p.stop()));
}

export interface ProcessOptions extends Pick<SpawnOptions, 'cwd' | 'env' | 'uid' | 'gid'> {
  /** The program's graceful stop (SIGTERM unless said otherwise). */
  stopSignal?: NodeJS.Signals;
  /** A server the other processes use: stopped after them. */
  server?: boolean;
  /** Node apps: an IPC channel, so exit-with-parent.js can stop the child should the test process die. */
  ipc?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One child process, its output kept (the last lines) for diagnosis. */
export class ManagedProcess {
  private child?: ChildProcess;
  private readonly lines: string[] = [];

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    readonly options: ProcessOptions = {},
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return Boolean(this.child) && this.child!.exitCode === null && this.child!.signalCode === null;
  }

  start(): this {
    if (this.running) throw new Error(`${this.name} is already running`);
    const { cwd, env, uid, gid, ipc } = this.options;
    const child = spawn(this.command, this.args, {
      cwd,
      env,
      uid,
      gid,
      stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])],
    });
    // The channel must not keep the test process alive.
    child.channel?.unref();
    this.child = child;
    track(this, child);
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.lines.push(line);
      if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      this.lines.push(`[${this.name} exited: ${signal ?? `code ${code}`}]`);
    });
    return this;
  }

  /** `signal` and wait for the exit; SIGKILL when it has not exited after `timeoutMs`. */
  async stop(signal: NodeJS.Signals = this.options.stopSignal ?? 'SIGTERM', timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const overdue = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.kill(signal);
    await exited;
    clearTimeout(overdue);
  }

  /** Synchronous last resort, for process exit. */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  /** Lines the process printed that match `pattern`. */
  grep(pattern: RegExp): string[] {
    return this.lines.filter((line) => pattern.test(line));
  }

  tail(count = 60): string {
    return `--- ${this.name} (pid ${this.pid ?? '-'}) ---\n${this.lines.slice(-count).join('\n')}`;
  }
}

/** Polls `check` until it holds; on timeout the error carries what the processes printed last. */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; logs?: () => string } = {},
): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`${what}: not within ${timeoutMs} ms${cause}\n${options.logs?.() ?? ''}`);
    }
    await sleep(intervalMs);
  }
}
