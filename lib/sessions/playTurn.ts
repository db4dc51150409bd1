import type { TurnConfiguration } from "../../graph/configuration.ts";
import type { TurnEvent } from "../../graph/events.ts";
import type { TurnRecord } from "../../graph/records.ts";
import type { TurnRuntime } from "../../graph/runtime.ts";
import type { builder } from "../../graph/turn.ts";
import { classifyModelError } from "../models/errors.ts";
import { EngineError } from "./errors.ts";
import type { TurnStreamEvent } from "./turnEvents.ts";

/** Per-turn overrides of the graph's configuration (e.g. the prompt variant in evals). */
export interface TurnOptions {
  configuration?: Partial<TurnConfiguration>;
  signal?: AbortSignal;
  /** Stream the model's reasoning as `reasoning` events (off by default; for debugging prompts). */
  reasoning?: boolean;
}

interface PlayArgs {
  sessionId: string;
  turn: number;
  input: string;
  onEvent: (e: TurnStreamEvent) => void;
  signal: AbortSignal;
  options: TurnOptions;
}

/**
 * Runs the turn graph on the session's thread and translates its streams into client events:
 * the narrative tokens the model-output filter let through (never the model's raw message stream),
 * tool calls as they happen, reasoning when asked for, then done (or error). A failed turn commits
 * nothing: the story stays at the previous turn.
 */
export async function playTurn(app: ReturnType<typeof builder.compile>, runtime: TurnRuntime, args: PlayArgs): Promise<TurnRecord> {
  const { sessionId, onEvent } = args;
  const config = { configurable: { thread_id: sessionId, runtime, ...args.options.configuration } };
  const log = runtime.logger.child({ sessionId, turn: args.turn });
  onEvent({ event: "start", data: { session_id: sessionId, turn: args.turn } });
  let shown = 0;
  // Custom events (tokens, reasoning, tool calls) reach the client through this writer, called
  // synchronously by the nodes in emission order. Handing LangGraph our own writer instead of
  // streaming mode "custom" skips a web-stream hop per token (CPU that grows with tokens per second).
  const writer = (chunk: unknown): void => {
    const event = chunk as TurnEvent;
    if (event?.type === "token") {
      shown += event.text.length;
      onEvent({ event: "token", data: { text: event.text } });
    } else if (event?.type === "reasoning") {
      if (args.options.reasoning) onEvent({ event: "reasoning", data: { text: event.text } });
    } else if (event?.type === "tool") {
      const { phase, name, args: toolArgs, ok, result, error, cached } = event.record;
      onEvent({ event: "tool", data: { phase, name, args: toolArgs, ok, result, error, cached } });
    }
  };
  try {
    const stream = await app.stream(
      { input: args.input },
      // `writer` is honoured at run time (Pregel keeps a writer it is given) but missing from PregelOptions' type.
      { ...config, writer, streamMode: "updates", signal: args.signal, durability: "exit" } as Parameters<typeof app.stream>[1],
    );
    // The committed turn arrives in confirm's update; no checkpoint is read back afterwards.
    let record: TurnRecord | undefined;
    for await (const chunk of stream) {
      const committed = (chunk as { confirm?: { history?: TurnRecord[] } }).confirm?.history;
      if (committed) record = committed.at(-1);
    }
    if (!record || record.turn !== args.turn) throw new Error("the turn ended without committing");
    onEvent({
      event: "done",
      data: { turn: record.turn, narrative: record.narrative, confirmation: record.confirmation, metrics: record.metrics, model: record.metrics.model },
    });
    log.info({ metrics: record.metrics }, "turn done");
    return record;
  } catch (error) {
    const timedOut = args.signal.aborted && (args.signal.reason as Error | undefined)?.name === "TimeoutError";
    // A narrative still streaming at the turn timeout is discarded, and the message says so.
    const lost = shown > 0 ? "the story text shown so far was not saved" : "nothing was saved";
    const failure = timedOut
      ? { code: "model_timeout" as const, message: `the turn took longer than QS_TURN_TIMEOUT_MS and was abandoned; ${lost}`, retryAfterMs: undefined }
      : classifyModelError(error, endpointOf(runtime));
    const engineError = failure
      ? new EngineError(failure.code, failure.code === "aborted" ? 503 : failure.code === "model_timeout" ? 504 : 502, failure.message, undefined, failure.retryAfterMs)
      : new EngineError("turn_failed", 500, `the turn failed and nothing was saved: ${(error as Error).message}`);
    log.warn({ err: error, code: engineError.code }, "turn failed; the story stays at the previous turn");
    const retry = engineError.retryAfterMs === undefined ? {} : { retry_after_ms: engineError.retryAfterMs };
    onEvent({ event: "error", data: { code: engineError.code, message: engineError.message, ...retry } });
    throw engineError;
  }
}

/** The model endpoint as messages name it. */
function endpointOf(runtime: TurnRuntime): string {
  return runtime.env.QS_MODEL_PROVIDER === "offline" ? "the offline storyteller" : (runtime.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1");
}
