import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Whether nothing listens on the port (on any interface, as the api binds). */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The OS's range of source ports for outgoing connections (Linux); undefined elsewhere. */
export function ephemeralRange(): [number, number] | undefined {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return low > 1024 && high >= low ? [low, high] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A port free now, for a server that binds it seconds later (PostgreSQL after initdb). Taken below the OS's
 * ephemeral range when there is one: a port the OS hands out for listen(0) is also a source port of outgoing
 * connections, and one of those took the chosen port before PostgreSQL bound it ("Address already in use").
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const range = ephemeralRange();
  if (range) {
    const low = Math.max(1025, range[0] - 10_000);
    for (let attempt = 0; attempt < 20; attempt++) {
      const port = low + Math.floor(Math.random() * (range[0] - low));
      if (await isPortFree(port, host)) return port;
    }
  }
  return anyFreePort(host);
}

function anyFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
