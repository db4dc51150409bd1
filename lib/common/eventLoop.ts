/** Continuations waiting for their event-loop turn, oldest first. */
const waiting: Array<() => void> = [];
let scheduled = false;

function releaseOne(): void {
  scheduled = false;
  const next = waiting.shift();
  if (waiting.length > 0) schedule();
  next?.();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(releaseOne);
}

/**
 * Resolves on a later event-loop turn, after pending I/O callbacks (other requests, sockets) have
 * run. Long synchronous work split at these points lets the server answer meanwhile. Callers are
 * released one per loop turn, oldest first: when several turns yield at once (they were started
 * together), their next steps run one after the other with I/O in between instead of back to back
 * in one stretch. On an idle loop it costs well under a millisecond.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}
