// A Server-Sent Events reader for fetch() responses (the turn stream is a POST, so no EventSource).

/**
 * Yields {event, id, data} for each frame of a text/event-stream body. `data` is parsed JSON when
 * it parses, else the raw text. Handles \n, \r\n and \r line ends, multi-line data and comments.
 */
export async function* readSse(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let frame = { event: "message", id: null, data: [] };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let nl;
      while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
        // A lone \r at the end of the buffer may be half of a \r\n still to come.
        if (buffer[nl] === "\r" && nl === buffer.length - 1) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith("\r\n", nl) ? 2 : 1));
        if (line === "") {
          if (frame.data.length) yield finish(frame);
          frame = { event: "message", id: frame.id, data: [] };
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let val = colon < 0 ? "" : line.slice(colon + 1);
        if (val.startsWith(" ")) val = val.slice(1);
        if (field === "event") frame.event = val || "message";
        else if (field === "data") frame.data.push(val);
        else if (field === "id") frame.id = val;
      }
    }
    if (frame.data.length) yield finish(frame);
  } finally {
    // Stops the download if the consumer left early (harmless once the stream has ended).
    reader.cancel().catch(() => {});
  }
}

function finish(frame) {
  const text = frame.data.join("\n");
  let data = text;
  try {
    data = JSON.parse(text);
  } catch {
    // keep the raw text
  }
  return { event: frame.event, id: frame.id, data };
}
