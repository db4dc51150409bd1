import type { Response } from "express";

/**
 * A Server-Sent Events writer: named events, increasing ids, JSON data, flushed per frame.
 * Writes after the client went away are dropped.
 */
export class SseStream {
  private nextId = 1;
  private closed = false;

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
    this.res.write(`id: ${this.nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }
}
