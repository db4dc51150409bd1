/**
 * Public types of the simulated OpenAI-compatible model server.
 * Kept in their own file so scripts, the server and the CLI share them without cycles.
 */

/** A tool call as the Chat Completions API carries it on assistant messages. */
export interface WireToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** One message of a Chat Completions request (system, user, assistant, tool, developer). */
export interface ChatMessage {
  role: string;
  /** A string, an array of content parts (`{ type: "text", text }`, …) or null. */
  content?: string | Array<Record<string, unknown>> | null;
  name?: string;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
}

/** A tool schema as sent in `tools`. */
export interface ChatTool {
  type: string;
  function?: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** The parsed body of `POST /v1/chat/completions`, plus what the server derived from it. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  tool_choice?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  /**
   * Free-form labels to tell calls apart in scripts and benchmarks: the body's `tags` (send it with
   * `ChatOpenAI({ modelKwargs: { tags: [...] } })`) merged with the comma-separated `x-sim-tags` header.
   */
  tags?: string[];
  /** Every other body field, untouched. */
  [extra: string]: unknown;
}

/** A tool call a script asks the model to emit. `id` defaults to `call_sim_<callIndex>_<i>`. */
export interface ScriptToolCall {
  name: string;
  args: Record<string, unknown>;
  id?: string;
  /** Sent instead of `JSON.stringify(args)`: e.g. Python-dict style `{'a': 1}` that no JSON parser accepts. */
  rawArguments?: string;
}

/** Where a reply's reasoning goes, as real servers send it (see docs/simulator.md). */
export type ReasoningStyle =
  /** `<think>…</think>` at the start of the content (a reasoning model served without a reasoning parser). */
  | "think_tags"
  /** Only a closing `</think>` (the chat template opened the block in the prompt: DeepSeek-R1, Qwen3). */
  | "closing_tag_only"
  /** Apart from the content, in `delta.reasoning_content` (vLLM/DeepSeek with a reasoning parser). */
  | "reasoning_content"
  /** `<think>…</think>` after the content's first sentence (models with interleaved thinking, e.g. MiniMax-M2, served without a parser). */
  | "interleaved_think";

/** How tool calls are written: as API tool calls, or as text in the content (server did not parse the template). */
export type ToolCallFormat = "native" | "hermes_text" | "llama_text" | "mistral_text" | "python_tag_text";

/**
 * How native tool calls are streamed: one opening delta plus argument fragments per call (OpenAI),
 * or all calls complete in one chunk (Ollama), with indexes 0..n, without `index`, or all with index 0.
 */
export type ToolCallDelivery = "streamed" | "single_chunk" | "single_chunk_no_index" | "single_chunk_same_index";

/** Token usage as the OpenAI API reports it. */
export interface SimUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** A successful model answer: narrative text, tool calls, or both (text first, like real models). */
export interface SuccessReply {
  content?: string;
  toolCalls?: ScriptToolCall[];
  /** Overrides the tiktoken-counted usage. */
  usage?: SimUsage;
  /** Explicit streaming pieces (must join to `content` if both are given); else `content` is split into word-ish pieces. */
  tokens?: string[];
  /** Reasoning sent before the content, in `reasoningStyle` (default "think_tags"). Not with `tokens`. */
  reasoning?: string;
  reasoningStyle?: ReasoningStyle;
  /** Default "native". Text formats append the calls to the content. Not with `tokens`. */
  toolCallFormat?: ToolCallFormat;
  /** Default "streamed". */
  toolCallDelivery?: ToolCallDelivery;
  /** Stream the tool calls before the content. */
  toolCallsFirst?: boolean;
  /** Overrides the finish_reason ("stop" with tool calls, as some servers send). */
  finishReason?: "stop" | "tool_calls" | "length";
  /** Send no usage, even when the client asked for it (`stream_options.include_usage`). */
  omitUsage?: boolean;
}

/** The ways the simulated server can fail on purpose. */
export type FailureMode = "http_500" | "http_429" | "timeout" | "broken_stream" | "malformed_json";

/**
 * A deliberate failure.
 * - `http_500` / `http_429`: an OpenAI-shaped JSON error with that status (or `status`).
 * - `timeout`: never answers; with `afterTokens` (streaming only) it sends that many pieces first, then stalls.
 * - `broken_stream`: sends `afterTokens` pieces (default 3), then destroys the socket.
 * - `malformed_json`: streaming — `afterTokens` pieces, then a frame that is not JSON; non-streaming — a truncated JSON body.
 */
export interface FailureReply {
  fail: FailureMode;
  afterTokens?: number;
  status?: number;
  /** http_429: send `Retry-After: <seconds>` instead of the default `retry-after-ms: 50`. */
  retryAfterSeconds?: number;
}

/** What a script returns for one call. */
export type Reply = SuccessReply | FailureReply;

/** Per-call context handed to a script. */
export interface ScriptContext {
  /** 0-based index of this chat call on this server (reset by `server.reset()`). */
  callIndex: number;
}

/** Decides the reply to one chat completion request. Throwing makes the server answer 500 with the message. */
export type Script = (req: ChatRequest, ctx: ScriptContext) => Reply | Promise<Reply>;

/** Latency model; every delay is multiplied by a jitter factor in [1 - jitter, 1 + jitter]. */
export interface LatencyOptions {
  /** Time to first token, ms (default 0). */
  ttftMs?: number;
  /** Delay between streamed pieces, ms (default 0). */
  perTokenMs?: number;
  /** Extra time before the first token per 1,000 prompt tokens, ms (default 0). */
  prefillMsPer1kInputTokens?: number;
  /** Relative jitter, e.g. 0.1 for ±10 % (default 0). */
  jitter?: number;
  /** PRNG seed for the jitter (default 1); delays depend only on seed and call index. */
  seed?: number;
}

/** Options of `startSimulatedModelServer`. */
export interface SimulatorOptions {
  /** TCP port, default 0 (a free random port). */
  port?: number;
  /** Bind address, default 127.0.0.1. */
  host?: string;
  latency?: LatencyOptions;
  /** Default: a short deterministic narrative derived from the last user message. */
  script?: Script;
  /** Id listed by `GET /v1/models` and used when a request names no model, default "sim-model". */
  modelId?: string;
}

/** What the server planned and observed for one chat call, for assertions and benchmarks. */
export interface CallRecord {
  callIndex: number;
  stream: boolean;
  promptTokens: number;
  /** Planned time to first token (ttft + prefill, jittered), ms. */
  plannedTtftMs: number;
  /** Planned delay before each piece after the first (content pieces, then tool-argument fragments), ms. */
  plannedPieceDelaysMs: number[];
  /** "ok", a failure mode, "script_error" (the script threw or returned an invalid reply) or "aborted" (client went away first). */
  outcome: "ok" | FailureMode | "script_error" | "aborted";
  startedAt: number;
  /** `performance.now()` when the first content/tool piece was written, if any. */
  firstPieceAt?: number;
  endedAt?: number;
}
