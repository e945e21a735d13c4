import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { useTestApp } from './support';

/** `count` copies of `item`, comma-separated: bodies of millions of elements built as text, as an attacker sends them. */
const many = (item: string, count: number) => `${item},`.repeat(count - 1) + item;

/**
 * Bodies the issue measured (6 MB of 1.5 M empty objects held the event loop 5.6 s; 1.9 M tags were
 * accepted after 3.1 s) and their neighbours. Each is refused, naming what broke a limit: the size limit
 * of its route (413), or a shape limit of the raw-byte scan on the bulk route, which takes BODY_LIMIT.
 */
interface Hostile {
  label: string;
  method: 'post' | 'patch';
  path: string;
  /** Built when written to its file, so the megabytes are not in this process's heap while it is measured. */
  body: () => string;
  status: number;
  errors?: { field: string; message: string }[];
}

const hostile: Hostile[] = [
  {
    label: 'login with an unknown field of 1.5 M empty objects',
    method: 'post',
    path: '/v1/auth/login',
    body: () => `{"email":"a@example.com","password":"x","junk":[${many('{}', 1_500_000)}]}`,
    status: 413,
  },
  {
    label: 'signup with the same',
    method: 'post',
    path: '/v1/auth/signup',
    body: () => `{"workspaceName":"W","name":"N","email":"a@example.com","password":"a long password","junk":[${many('{}', 1_500_000)}]}`,
    status: 413,
  },
  {
    label: '1.9 M duplicate tags (a one-record route: over JSON_BODY_LIMIT before any parse)',
    method: 'post',
    path: '/v1/influencers',
    body: () => `{"name":"Tagged","tags":[${many('"a"', 1_900_000)}]}`,
    status: 413,
  },
  {
    label: 'a brand whose name is a 9 MB string',
    method: 'post',
    path: '/v1/brands',
    body: () => `{"name":"${'n'.repeat(9_000_000)}","currency":"EUR","timezone":"UTC"}`,
    status: 413,
  },
  {
    label: '1.9 M conversions in a batch (the bulk route takes BODY_LIMIT)',
    method: 'post',
    path: '/v1/conversions/batch',
    body: () => `{"conversions":[${many('{}', 1_900_000)}]}`,
    status: 400,
    errors: [{ field: 'conversions', message: 'has more than 5000 items' }],
  },
  {
    label: 'an object of 500,000 keys',
    method: 'post',
    path: '/v1/conversions/batch',
    body: () => `{"conversions":[{${Array.from({ length: 500_000 }, (_, i) => `"k${i}":0`).join(',')}}]}`,
    status: 400,
    errors: [{ field: 'conversions[0]', message: 'has more than 1000 keys' }],
  },
  {
    label: '2 M members spread over arrays within every per-array limit',
    method: 'post',
    path: '/v1/conversions/batch',
    body: () => `{"conversions":[${many(`[${many('0', 4_000)}]`, 500)}]}`,
    status: 400,
    errors: [{ field: 'body', message: 'has more than 100000 values in all' }],
  },
  {
    label: 'an unknown top-level field holding 99,000 members',
    method: 'post',
    path: '/v1/influencers',
    body: () => `{"name":"N","junk":[${many(`{"a":[${many('{}', 30)}]}`, 3_000)}]}`,
    status: 400,
    errors: [{ field: 'junk', message: 'should not exist' }],
  },
  {
    label: 'a million levels of nesting',
    method: 'post',
    path: '/v1/conversions/batch',
    body: () => `{"conversions":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`,
    status: 400,
    errors: [{ field: `conversions${'[0]'.repeat(31)}`, message: 'is nested more than 32 levels deep' }],
  },
  {
    label: 'a workspace rename nested 400,000 levels deep (a one-record route, under JSON_BODY_LIMIT)',
    method: 'patch',
    path: '/v1/workspace',
    body: () => `{"name":${'['.repeat(400_000)}${']'.repeat(400_000)}}`,
    status: 400,
    errors: [{ field: `name${'[0]'.repeat(31)}`, message: 'is nested more than 32 levels deep' }],
  },
];

/**
 * The client runs in a child process and reads the bodies from files: encoding, sending and garbage-
 * collecting megabytes is then its work, and this process's CPU time and event loop are the server's alone.
 */
const CLIENT = `
const { readFileSync } = require('node:fs');
const [origin, auth, ...jobs] = process.argv.slice(1);
Promise.all(jobs.map(async (job) => {
  const [method, path, file] = job.split(' ');
  const response = await fetch(origin + path, { method, headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: readFileSync(file) });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
})).then((answers) => process.stdout.write(JSON.stringify(answers)));
`;

interface Answer {
  status: number;
  type: string;
  body: { errors?: unknown };
}

describe('hostile request bodies are refused before they are walked (e2e)', () => {
  // /health's ping waits longer than the stall bound below (4 s): a 1.7 s stall of the test process (the
  // machine's other test files share its 2 cores) answered one 503 with the default 1.5 s. The bound on
  // stalls is what this suite holds the API to; /health must then answer 200 every time.
  const ctx = useTestApp({ HEALTH_DB_TIMEOUT_MS: '5000' });
  let origin: string;
  let dir: string;
  const files = new Map<Hostile, string>();
  beforeAll(async () => {
    await ctx.t.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(ctx.t.app.getHttpServer().address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'hostile-bodies-'));
    for (const [i, h] of hostile.entries()) {
      files.set(h, join(dir, `${i}.json`));
      await writeFile(join(dir, `${i}.json`), h.body());
    }
  });
  afterAll(() => dir && rm(dir, { recursive: true, force: true }));

  async function sendFromChild(bodies: readonly Hostile[]): Promise<Answer[]> {
    const jobs = bodies.map((h) => `${h.method.toUpperCase()} ${h.path} ${files.get(h)}`);
    const child = spawn(process.execPath, ['-e', CLIENT, origin, ctx.owner.auth.Authorization, ...jobs], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await once(child, 'close');
    return JSON.parse(out) as Answer[];
  }

  const expectRefused = (h: Hostile, answer: Answer) => {
    expect(answer.status).toBe(h.status);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    if (h.errors) expect(answer.body.errors).toEqual(h.errors);
  };

  /*
   * Each body is refused with the limit it broke named: the old code answered other errors (or none) after
   * walking every element, so these fail without the raw-byte scan. The server's CPU time per body (from
   * process.cpuUsage, against a tiny refused login measured the same way) is printed, not asserted: it
   * includes this process's garbage collection of whatever earlier tests left, and a bound on it failed at
   * random once in a run of several files in one process (742 ms, where 20-150 ms is usual).
   */
  let baselineMs = 0;
  beforeAll(async () => {
    const tiny: Hostile = {
      label: 'tiny',
      method: 'post',
      path: '/v1/auth/login',
      body: () => '{"email":"a@example.com","junk":1}',
      status: 400,
    };
    files.set(tiny, join(dir, 'tiny.json'));
    await writeFile(join(dir, 'tiny.json'), tiny.body());
    for (let i = 0; i < 3; i++) baselineMs = Math.max(baselineMs, await cpuMsOf(() => sendFromChild([tiny])));
  });

  it.each(hostile.map((h) => [h.label, h]))('refuses %s, naming what broke a limit', async (_label, h) => {
    let answers: Answer[] = [];
    const cpuMs = await cpuMsOf(async () => (answers = await sendFromChild([h])));
    expectRefused(h, answers[0]);
    console.log(`hostile-bodies: ${h.label}: server CPU ${cpuMs} ms (a tiny refused login: ${baselineMs} ms)`);
  });

  /*
   * All the bodies at once while /health is polled. Measured: the longest stall of this process's event
   * loop (monitorEventLoopDelay: a timer fires late by as long as something blocked the loop), bounded at
   * 4 s: the old code blocked it for 3-6 s per body, 7 bodies in a row; now the longest stall measured
   * is 0.5-2 s with all seven 6-10 MB bodies arriving together on this loaded machine (load average
   * 16 on 2 cores), garbage collection of the received megabytes included. /health must answer 200 throughout (it answered 503 "database down" before: its
   * own queries timed out behind the blocked loop). Its latencies are in the failure message.
   */
  it('keeps /health answering while every hostile body is sent at once', async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let sending = true;
    const attack = sendFromChild(hostile).finally(() => (sending = false));
    const health: { status: number; ms: number }[] = [];
    while (sending || health.length < 3) {
      const started = performance.now();
      const { status } = await ctx.t.http.get('/health');
      health.push({ status, ms: Math.round(performance.now() - started) });
    }
    const answers = await attack;
    loop.disable();
    hostile.forEach((h, i) => expectRefused(h, answers[i]));
    const figures = { healthMs: health.map((h) => h.ms), longestStallMs: Math.round(loop.max / 1e6) };
    expect({ ...figures, statuses: [...new Set(health.map((h) => h.status))] }).toEqual({ ...figures, statuses: [200] });
    expect({ ...figures, stallUnder4s: figures.longestStallMs < 4_000 }).toEqual({ ...figures, stallUnder4s: true });
    console.log(`hostile-bodies: all at once: longest stall ${figures.longestStallMs} ms; /health ms ${figures.healthMs.join(', ')}`);
  });
});

async function cpuMsOf(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(before);
  return Math.round((user + system) / 1000);
}
