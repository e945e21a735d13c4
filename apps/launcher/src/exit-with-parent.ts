/*
 * Preloaded (`node --require`) into the api and worker the launcher forks. The children run detached
 * (their own process group, so a terminal Ctrl-C reaches the launcher alone and it stops them in
 * order); should the launcher die without stopping them, the IPC channel closes and the child stops
 * itself with SIGTERM, i.e. through its normal graceful shutdown. No orphans either way.
 */
if (process.send) {
  process.once('disconnect', () => {
    console.error('launcher is gone: shutting down');
    process.kill(process.pid, 'SIGTERM');
  });
  // The channel must not keep a child alive on its own once its app has shut down.
  process.channel?.unref();
}
