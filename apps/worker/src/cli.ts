import 'reflect-metadata';
import { Queue } from 'bullmq';
import { ConfigError, loadConfig, withRunningStack } from '@app/config';
import { defaultJobOptions, queueConnection, queueOfJob } from '@app/queue';
import { isScheduledJob, JOB_SCHEDULES } from './job-schedules';

const usage = `usage: npm run cli -- run-job <name>\n  names: ${Object.keys(JOB_SCHEDULES).join(', ')}`;

/**
 * Operator commands. `run-job <name>` enqueues one run of a scheduled job now (a running worker picks it
 * up) and exits; no Nest context, only the queue. With no database, Redis or queue backend of its own it
 * uses those of the stack `npm start` runs (DATA_DIR/runtime.json). Returns the exit code.
 */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: (line: string) => void = console.log,
): Promise<number> {
  const [command, name] = argv;
  if (command !== 'run-job' || !name || !isScheduledJob(name)) {
    out(name && command === 'run-job' ? `unknown job "${name}"\n${usage}` : usage);
    return 2;
  }
  const { env: settings, stack } = withRunningStack(env);
  const queue = new Queue(queueOfJob[name], queueConnection(loadConfig(settings)));
  try {
    const job = await queue.add(name, {}, defaultJobOptions);
    out(`enqueued ${name} (job ${job.id})${stack ? ` for the stack npm start runs (${stack.queueBackend} queues)` : ''}`);
    return 0;
  } finally {
    await queue.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    },
  );
}
