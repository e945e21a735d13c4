/**
 * Messages between the launcher and its PostgreSQL host process (postgres-host.ts), over the fork IPC
 * channel. The host is a separate, detached process so that PostgreSQL sits in its own process group:
 * a Ctrl-C in the terminal reaches the launcher only, which stops the apps first and PostgreSQL last.
 */
export interface StartRequest {
  type: 'start';
  /** Cluster directory (DATA_DIR/pg), initialised on first start only. */
  databaseDir: string;
  port: number;
  /** Password of the `postgres` role, set at initialisation (scram-sha-256, TCP on 127.0.0.1 only). */
  password: string;
  /** Print every PostgreSQL log line, not only FATAL/PANIC ones. */
  verbose: boolean;
}

export interface StopRequest {
  type: 'stop';
}

export type HostRequest = StartRequest | StopRequest;

export type HostEvent =
  | { type: 'ready'; port: number; initialised: boolean; initMs: number; startMs: number }
  | { type: 'failed'; message: string }
  /** A setup it cannot work in: `message` says what to do, in a sentence. */
  | { type: 'refused'; message: string }
  | { type: 'stopped'; stopMs: number }
  /** PostgreSQL ended without being asked to. */
  | { type: 'exited'; code: number | null; signal: string | null };
