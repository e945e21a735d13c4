import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * For a request's loop over thousands of rows: call the returned function once per row and await it. Once
 * `sliceMs` of work has passed since the loop last let go, it waits for the next turn of the event loop, so
 * other requests, /health and timers run in between instead of after the whole loop (a 10,000-row import
 * held the API for seconds). Otherwise it answers undefined: awaiting it costs a microtask, not a turn.
 */
export function timeSlices(sliceMs = 10): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
