import type { Response } from "express";

/**
 * A Server-Sent Events writer: named events, increasing ids, JSON data. Frames are written at the
 * end of the current event-loop turn (setImmediate): a frame is never held back for a timer, but
 * the frames one turn of the loop produces for this client (several tokens read from the model in
 * one go, typically under load) go out in one socket write instead of one write each.
 * Writes after the client went away are dropped.
 */
export class SseStream {
  private nextId = 1;
  private closed = false;
  private pending = "";
  private flushScheduled = false;

  constructor(private readonly res: Response) {
    res.status(200);
    res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache, no-transform");
    res.setHeader("Connection", "keep-alive");
    res.setHeader("X-Accel-Buffering", "no");
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    res.on("close", () => {
      this.closed = true;
    });
  }

  send(event: string, data: unknown): void {
    if (this.closed) return;
    this.pending += `id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.closed || !this.pending) return;
    const frames = this.pending;
    this.pending = "";
    this.res.write(frames);
  };

  end(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.res.end();
  }
}
