/**
 * Resolves on the event loop's next check phase, after pending I/O callbacks (other requests,
 * other turns' sockets) have run. Long synchronous work split at these points lets the server
 * answer meanwhile; on an idle loop it costs well under a millisecond.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
