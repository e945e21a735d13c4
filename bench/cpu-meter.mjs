// CPU time of the processes a bench drives, from /proc (Linux): the rows/s or emails/s of a run swing with whatever
// else shares the machine, the CPU seconds each process spends per 1,000 items much less.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in seconds, 0 once it is gone. */
function cpuSeconds(pid) {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Every process as { pid, parent, name } from /proc/<pid>/stat. */
function processes() {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      found.push({ pid: Number(entry), parent: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), name });
    } catch {
      // exited while listed
    }
  }
  return found;
}

/**
 * `pid` and its descendants, except the subtrees of `others` (the other roots): whatever the API process forks is
 * counted as the API, and the API, a child of the bench, is not counted as the bench too.
 */
function processTree(pid, all, others) {
  const tree = [];
  for (const queue = [pid]; queue.length;) {
    const next = queue.pop();
    tree.push(next);
    queue.push(...all.filter((p) => p.parent === next && !others.includes(p.pid)).map((p) => p.pid));
  }
  return tree;
}

/**
 * Samples the process trees of `roots` ({ name: pid }), the PostgreSQL backends of the bench database and the
 * redis-server processes before and after a phase. Backends are read from pg_stat_activity at both ends, so one
 * that came and went inside the phase is missed (the API's and workers' pools keep their connections; the bench's
 * own pool is counted too, idle meanwhile). Redis is shared with whatever else runs on the machine: its figure is
 * an upper bound. `measure` answers the work's result with `cpu`: seconds per root name, `postgres` and `redis`.
 */
export function cpuMeter(roots, pool) {
  const sample = async () => {
    const backends = (await pool.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid);
    const all = processes();
    const measure = (pids) => new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
    const pids = Object.values(roots);
    const trees = Object.entries(roots).map(([name, pid]) => [name, measure(processTree(pid, all, pids))]);
    return {
      ...Object.fromEntries(trees),
      postgres: measure(backends),
      redis: measure(all.filter((p) => p.name === 'redis-server').map((p) => p.pid)),
    };
  };
  const delta = (before, after) => [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);
  return {
    async measure(work) {
      const before = await sample();
      const result = await work();
      const after = await sample();
      return { ...result, cpu: Object.fromEntries(Object.keys(after).map((name) => [name, delta(before[name], after[name])])) };
    },
  };
}
