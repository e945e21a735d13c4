import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isPortFree } from '../../apps/launcher/src/ports';
import { eventually, freePort, ManagedProcess } from './processes';

const run = promisify(execFile);

/**
 * A Redis Cluster of the test's own: `masters` masters with one replica each, on free ports, each node in
 * its own temporary directory, no persistence. A short node timeout (1 s) keeps a failover quick.
 */
export class RedisCluster {
  private constructor(
    readonly ports: number[],
    private readonly nodes: ManagedProcess[],
    private readonly dir: string,
  ) {}

  static async start(masters = 3): Promise<RedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'acrm-redis-cluster-'));
    const ports: number[] = [];
    const nodes: ManagedProcess[] = [];
    for (let i = 0; i < masters * 2; i++) {
      const port = await clusterPort(ports);
      ports.push(port);
      const node = new ManagedProcess(
        `redis-cluster:${port}`,
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          ...['--cluster-enabled', 'yes', '--cluster-node-timeout', '1000', '--cluster-config-file', `nodes-${port}.conf`],
          ...['--dir', dir],
        ],
        { server: true },
      ).start();
      nodes.push(node);
      await eventually(`redis-server ${port} answering`, async () => (await cli(port, 'PING')) === 'PONG', {
        timeoutMs: 10_000,
        intervalMs: 20,
        logs: () => node.tail(),
      });
    }
    const cluster = new RedisCluster(ports, nodes, dir);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes']);
    await eventually(
      'every cluster node sees the cluster ok, with all replicas attached',
      async () => {
        for (const port of ports) if (!(await cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
        return (await cluster.topology()).filter((n) => n.role === 'replica').length === masters;
      },
      { timeoutMs: 20_000, intervalMs: 100, logs: () => nodes.map((n) => n.tail(10)).join('\n') },
    );
    return cluster;
  }

  /** `redis+cluster://` naming every node, as an operator would set REDIS_URL. */
  get url(): string {
    return `redis+cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
  }

  /** Each node: its port, role, id and (a replica) the id of its master. */
  async topology(): Promise<{ port: number; id: string; role: 'master' | 'replica'; masterId?: string; slots: string[] }[]> {
    const lines = (await cli(this.ports[0], 'CLUSTER', 'NODES')).trim().split('\n');
    return lines
      .map((line) => line.split(' '))
      .filter(([, , flags]) => !flags.includes('fail') && !flags.includes('handshake'))
      .map(([id, address, flags, masterId, , , , , ...slots]) => ({
        id,
        port: Number(address.split('@')[0].split(':')[1]),
        role: flags.includes('master') ? ('master' as const) : ('replica' as const),
        ...(masterId !== '-' && { masterId }),
        slots,
      }));
  }

  async slotOf(key: string): Promise<number> {
    return Number(await cli(this.ports[0], 'CLUSTER', 'KEYSLOT', key));
  }

  /** The master serving `key` and its replica. */
  async nodesOf(key: string): Promise<{ master: number; replica: number }> {
    const slot = await this.slotOf(key);
    const nodes = await this.topology();
    const master = nodes.find(
      (n) =>
        n.role === 'master' &&
        n.slots.some((range) => {
          const [from, to = from] = range.split('-').map(Number);
          return slot >= from && slot <= to;
        }),
    );
    const replica = nodes.find((n) => n.role === 'replica' && n.masterId === master?.id);
    if (!master || !replica) throw new Error(`no master with a replica for slot ${slot}: ${JSON.stringify(nodes)}`);
    return { master: master.port, replica: replica.port };
  }

  /**
   * Promotes the replica of `key`'s master with CLUSTER FAILOVER (the operator's failover: the replica
   * catches up with its master first, then takes its slots; the old master becomes its replica).
   */
  async failover(key: string): Promise<{ from: number; to: number }> {
    const { master, replica } = await this.nodesOf(key);
    await cli(replica, 'CLUSTER', 'FAILOVER');
    await eventually(
      `replica ${replica} promoted`,
      async () => (await this.nodesOf(key)).master === replica && (await cli(replica, 'CLUSTER', 'INFO')).includes('cluster_state:ok'),
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    return { from: master, to: replica };
  }

  /** Keys matching `pattern` on every master (the cluster spreads keys without a hash tag over them all). */
  async keys(pattern: string): Promise<string[]> {
    const masters = (await this.topology()).filter((n) => n.role === 'master');
    const found = await Promise.all(masters.map(async (n) => (await cli(n.port, '--scan', '--pattern', pattern)).split('\n')));
    return found.flat().filter(Boolean);
  }

  async close(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop('SIGKILL')));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A free port whose cluster bus port (port + 10000) is free too, not among `taken`. */
async function clusterPort(taken: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10_000 <= 65_535 && !taken.includes(port) && (await isPortFree(port + 10_000, '127.0.0.1'))) return port;
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  return (await run('redis-cli', ['-p', String(port), ...args])).stdout.trim();
}
