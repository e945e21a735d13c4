/** Set by the launcher (`npm start`) in the environment of the api and the worker it forks. */
export const LAUNCHER_GATE = 'LAUNCHER_GATE';

/**
 * Under `npm start` the launcher forks the api and the worker while PostgreSQL starts and the migrations run,
 * so that they load their code meanwhile (seconds on a small machine), and tells them to wait for its
 * `{ type: 'go' }` before they touch the database. Anywhere else this resolves at once.
 */
export function waitForLauncher(env: Record<string, string | undefined> = process.env): Promise<void> {
  if (env[LAUNCHER_GATE] !== '1' || !process.send) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type !== 'go') return;
      process.off('message', onMessage);
      process.channel?.unref();
      resolve();
    };
    // The launcher's preload (exit-with-parent.js) unrefs the channel; while waiting it is all that keeps the process alive.
    process.channel?.ref();
    process.on('message', onMessage);
  });
}
