// One GET at a time from a process of its own (`httpGetter`), for a bench that times a large answer right after
// building large objects itself: the bench's own garbage (a 10,000-row report from build(), its CSV) is collected
// while fetch() reads the answer and lands in the answer's time. This client keeps no garbage of the bench's:
// node:http, the body counted as it arrives, never kept.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** A forked client: `get(url, headers)` answers { ms, bytes, status } of one GET, timed in the child; `close()` ends it. */
export function httpGetter() {
  const child = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending = null;
  child.on('message', (answer) => pending?.(answer));
  child.once('exit', (code) => pending?.({ error: `the GET client exited with ${code}` }));
  return {
    get: (url, headers) =>
      new Promise((resolve, reject) => {
        pending = (answer) => {
          pending = null;
          if (answer.error) reject(new Error(answer.error));
          else if (answer.status !== 200) reject(new Error(`GET ${url} answered ${answer.status}`));
          else resolve(answer);
        };
        child.send({ url, headers });
      }),
    close: () => child.connected && child.disconnect(),
  };
}

function get({ url, headers }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.get(url, { headers, agent: keepAlive }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () => resolve({ ms: performance.now() - started, bytes, status: response.statusCode }));
    });
    request.on('error', (error) => resolve({ error: error.message }));
  });
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('message', async (options) => process.send(await get(options)));
  process.on('disconnect', () => keepAlive.destroy());
}
