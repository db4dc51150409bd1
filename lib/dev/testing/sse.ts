/** A Server-Sent Events frame as a test client received it, with its arrival time. */
export interface ReceivedEvent {
  id: number | undefined;
  event: string;
  data: unknown;
  at: number;
}

/** Reads an SSE response body frame by frame, stamping each frame when it arrives. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<ReceivedEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of frame.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
      }
      yield {
        id: fields.id ? Number(fields.id) : undefined,
        event: fields.event ?? "message",
        data: fields.data ? JSON.parse(fields.data) : undefined,
        at: performance.now(),
      };
    }
  }
}

/** POSTs a turn to the streaming endpoint and collects every event (with timestamps). */
export async function streamTurn(
  baseUrl: string,
  sessionId: string,
  input: string,
  options?: Record<string, unknown>,
): Promise<{ status: number; events: ReceivedEvent[]; sentAt: number }> {
  const sentAt = performance.now();
  const res = await fetch(`${baseUrl}/sessions/${sessionId}/turns/stream`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(options ? { input, options } : { input }),
  });
  const events: ReceivedEvent[] = [];
  if (res.status !== 200 || !res.body) return { status: res.status, events, sentAt };
  for await (const e of readSse(res.body)) events.push(e);
  return { status: res.status, events, sentAt };
}
