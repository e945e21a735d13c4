import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { LaunchError } from './launcher-settings';
import type { HostEvent, StartRequest } from './postgres-host.protocol';

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const colors: Record<string, string> = { launcher: '1', api: '36', worker: '35', postgres: '34' };

export function prefix(name: string): string {
  const label = `[${name}]`.padEnd(10);
  return useColor ? `\x1b[${colors[name] ?? '0'}m${label}\x1b[0m` : label;
}

/** Copies a child's output line by line to ours, each line prefixed with the child's name. */
export function forwardLines(stream: Readable | null, name: string, to: NodeJS.WriteStream): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => to.write(`${prefix(name)} ${line}\n`));
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Forks a built entry point in its own process group, with IPC, its output forwarded and prefixed. */
function forkDetached(name: string, entry: string, env: NodeJS.ProcessEnv, preload?: string): ChildProcess {
  const child = fork(entry, [], {
    env,
    execArgv: preload ? ['--require', preload] : [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  forwardLines(child.stdout, name, process.stdout);
  forwardLines(child.stderr, name, process.stderr);
  return child;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole process group of a detached child.
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** The api or the worker, run from dist/ by the launcher. */
export class AppProcess {
  private child?: ChildProcess;
  private exited?: ExitInfo;
  private readonly exitListeners: Array<(exit: ExitInfo) => void> = [];
  private readonly messageListeners: Array<(message: unknown) => void> = [];

  constructor(
    readonly name: string,
    private readonly entry: string,
  ) {}

  start(env: NodeJS.ProcessEnv): void {
    this.child = forkDetached(this.name, this.entry, env, join(__dirname, 'exit-with-parent.js'));
    this.child.on('message', (message) => this.messageListeners.forEach((listener) => listener(message)));
    this.child.once('exit', (code, signal) => {
      this.exited = { code, signal };
      this.exitListeners.forEach((listener) => listener(this.exited as ExitInfo));
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Lets an app started with LAUNCHER_GATE=1 go on to its database (see waitForLauncher). */
  go(): void {
    if (this.child?.connected) this.child.send({ type: 'go' });
  }

  get running(): boolean {
    return Boolean(this.child) && !this.exited;
  }

  onExit(listener: (exit: ExitInfo) => void): void {
    this.exitListeners.push(listener);
  }

  /** Resolves on the first IPC message the predicate accepts; rejects if the process ends first. */
  waitForMessage(accept: (message: unknown) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.messageListeners.push((message) => accept(message) && resolve());
      this.onExit((exit) => reject(new Error(`${this.name} exited during startup (${describeExit(exit)})`)));
    });
  }

  /** SIGTERM (the apps' graceful shutdown), SIGKILL after the timeout. */
  async stop(timeoutMs: number): Promise<ExitInfo | undefined> {
    const child = this.child;
    if (!child || this.exited) return this.exited;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, timeoutMs))) {
      process.stderr.write(`${prefix('launcher')} ${this.name} did not stop within ${timeoutMs / 1000} s: killing it\n`);
      killGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    return this.exited;
  }

  kill(): void {
    if (this.child && !this.exited) killGroup(this.child, 'SIGKILL');
  }
}

export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

type ReadyEvent = Extract<HostEvent, { type: 'ready' }>;

/** Parent side of postgres-host.ts: one embedded PostgreSQL in its own detached process. */
export class EmbeddedPostgresHost {
  private child?: ChildProcess;
  private stopping = false;

  constructor(private readonly onUnexpectedExit: (reason: string) => void) {}

  start(request: Omit<StartRequest, 'type'>, timeoutMs = 60_000): Promise<ReadyEvent> {
    const child = forkDetached('postgres', join(__dirname, 'postgres-host.js'), process.env);
    this.child = child;
    return new Promise<ReadyEvent>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(
        () => settle(() => reject(new LaunchError(`embedded PostgreSQL did not start within ${timeoutMs / 1000} s`))),
        timeoutMs,
      );
      child.on('message', (event: HostEvent) => {
        if (event.type === 'ready') settle(() => resolve(event));
        else if (event.type === 'refused') settle(() => reject(new LaunchError(event.message)));
        else if (event.type === 'failed')
          settle(() =>
            reject(
              new LaunchError(
                `embedded PostgreSQL failed to start: ${event.message}\n` +
                  `(data in ${request.databaseDir}: delete that directory to start with an empty database, or set DATABASE_URL to use another PostgreSQL)`,
              ),
            ),
          );
        else if (event.type === 'exited' && !this.stopping)
          this.onUnexpectedExit(
            `PostgreSQL stopped unexpectedly (${describeExit({ code: event.code, signal: event.signal as NodeJS.Signals | null })})`,
          );
      });
      child.once('exit', (code, signal) => {
        settle(() => reject(new LaunchError(`embedded PostgreSQL host ended during startup (${describeExit({ code, signal })})`)));
        if (!this.stopping) this.onUnexpectedExit(`the embedded PostgreSQL host ended unexpectedly (${describeExit({ code, signal })})`);
      });
      child.send({ type: 'start', ...request } satisfies StartRequest);
    });
  }

  /** Asks for a fast shutdown (sessions are gone by then: the apps stop first); kills the group as a last resort. */
  async stop(timeoutMs = 20_000): Promise<number | undefined> {
    const child = this.child;
    this.stopping = true;
    if (!child || child.exitCode !== null || child.signalCode !== null) return undefined;
    let stopMs: number | undefined;
    child.on('message', (event: HostEvent) => {
      if (event.type === 'stopped') stopMs = event.stopMs;
    });
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM');
    if (!(await waitForExit(child, timeoutMs))) {
      process.stderr.write(`${prefix('launcher')} embedded PostgreSQL did not stop within ${timeoutMs / 1000} s: killing it\n`);
      killGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    return stopMs;
  }
}
