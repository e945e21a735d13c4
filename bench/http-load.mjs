// The HTTP load generator of bench/api-read, run in its own process (`httpLoad`) so that its CPU is counted apart from
// the bench's and the API's. It is as cheap as a client can be: keep-alive connections on plain sockets, one request in
// flight on each (no pipelining), requests written as prepared bytes, and of each answer only the status line and
// Content-Length read; the body is counted, never parsed. autocannon spent several ms of CPU per 22 KB answer.
import { fork } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * `connections` sockets to `url` for `seconds`, each sending GET of a random one of `paths` with `headers` as soon as
 * its previous answer is complete. Answers { requests, rps, p50, p99, errors (sockets failed or answers not 2xx),
 * pid } once the child has exited.
 */
export function httpLoad({ url, connections, seconds, paths, headers }) {
  const child = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the load generator exited with ${code} before answering`)));
  });
  child.send({ url, connections, seconds, paths, headers });
  return { pid: child.pid, result };
}

function run({ url, connections, seconds, paths, headers }) {
  const { hostname, port } = new URL(url);
  const head = Object.entries({ host: `${hostname}:${port}`, connection: 'keep-alive', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const requests = paths.map((path) => Buffer.from(`GET ${path} HTTP/1.1\r\n${head}\r\n`));
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();

  const connection = () =>
    new Promise((done) => {
      let socket;
      let sentAt = 0;
      let pending = Buffer.alloc(0); // bytes of a head not complete yet
      let bodyLeft = -1; // body bytes still to come; -1 while reading a head
      let status = 0;
      const send = () => {
        if (performance.now() >= deadline) {
          socket.end();
          return done();
        }
        sentAt = performance.now();
        socket.write(requests[Math.floor(Math.random() * requests.length)]);
      };
      const finish = () => {
        latencies.push(performance.now() - sentAt);
        if (status < 200 || status > 299) errors++;
        bodyLeft = -1;
        send();
      };
      const onData = (chunk) => {
        let data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        pending = Buffer.alloc(0);
        while (data.length) {
          if (bodyLeft < 0) {
            const end = data.indexOf(HEAD_END);
            if (end < 0) {
              pending = data;
              return;
            }
            const text = data.toString('latin1', 0, end);
            status = Number(text.slice(9, 12));
            const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
            if (!length) throw new Error(`an answer without Content-Length: ${text.slice(0, 200)}`);
            bodyLeft = Number(length[1]);
            data = data.subarray(end + HEAD_END.length);
          }
          const taken = Math.min(bodyLeft, data.length);
          bodyLeft -= taken;
          data = data.subarray(taken);
          if (bodyLeft === 0) finish();
        }
      };
      const open = () => {
        socket = net.connect(Number(port), hostname, send);
        socket.setNoDelay(true);
        socket.on('data', onData);
        socket.on('error', () => errors++);
        socket.on('close', () => {
          if (performance.now() < deadline) {
            pending = Buffer.alloc(0);
            bodyLeft = -1;
            open();
          } else done();
        });
      };
      open();
    });

  return Promise.all(Array.from({ length: connections }, connection)).then(() => {
    latencies.sort((a, b) => a - b);
    const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    return {
      requests: latencies.length,
      rps: latencies.length / ((performance.now() - started) / 1000),
      p50: at(50),
      p99: at(99),
      errors,
      loadCpu: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuBefore)),
    };
  });
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', async (options) => {
    const result = await run(options);
    process.send(result, () => process.exit(0));
  });
}
