/**
 * Ready-made scripts and reply builders for the simulated model server.
 */
import { messageText } from "./tokens.ts";
import type { ChatRequest, FailureReply, Reply, Script, ScriptToolCall, SuccessReply } from "./types.ts";
import { fnv1a } from "../../common/seededRandom.ts";

/** True when a reply asks the server to fail on purpose. */
export function isFailure(reply: Reply): reply is FailureReply {
  return "fail" in reply && typeof reply.fail === "string";
}

/** The text of the last user message of a request ("" if there is none). */
export function lastUserText(req: ChatRequest): string {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    if (req.messages[i].role === "user") return messageText(req.messages[i].content);
  }
  return "";
}

const ENDINGS = [
  "The lantern light trembles, and somewhere below a door creaks open.",
  "Rain taps on the shutters while the old clock keeps its own counsel.",
  "A cold draught carries the smell of salt and woodsmoke through the hall.",
  "Far off, a bell rings once, and the silence afterwards feels expectant.",
];


/**
 * A short, deterministic narrative that echoes (up to 80 characters of) the last user message and
 * adds one of four fixed sentences chosen by its hash.
 */
export function narrativeFor(req: ChatRequest): string {
  const said = lastUserText(req).replace(/\s+/g, " ").trim().slice(0, 80);
  const opening = said ? `You ${said.replace(/[.!?]+$/, "")}.` : "The story waits for you.";
  return `${opening} ${ENDINGS[fnv1a(said) % ENDINGS.length]}`;
}

/** The default script: replies with `narrativeFor(req)`. */
export function defaultScript(req: ChatRequest): SuccessReply {
  return { content: narrativeFor(req) };
}

/** What `scriptedReplies` does once every reply was used. */
export type WhenExhausted = "error" | "repeat-last";

/**
 * A script that returns `replies` in order, one per call (its own counter, independent of
 * `ctx.callIndex`). When they run out it throws — the server answers HTTP 500
 * "simulator script exhausted", which surfaces unexpected extra model calls in tests — or, with
 * `{ whenExhausted: "repeat-last" }`, keeps returning the last reply.
 */
export function scriptedReplies(replies: Reply[], opts: { whenExhausted?: WhenExhausted } = {}): Script {
  if (replies.length === 0) throw new Error("scriptedReplies needs at least one reply");
  const whenExhausted = opts.whenExhausted ?? "error";
  let next = 0;
  return () => {
    if (next < replies.length) return replies[next++];
    if (whenExhausted === "repeat-last") return replies[replies.length - 1];
    throw new Error(`simulator script exhausted: all ${replies.length} scripted replies were used`);
  };
}

/**
 * A reply that calls one tool (or several, given an array), optionally after some narrative text
 * that is streamed before the tool-call deltas.
 */
export function toolCallReply(
  calls: ScriptToolCall | ScriptToolCall[],
  content?: string,
): SuccessReply;
export function toolCallReply(name: string, args: Record<string, unknown>, content?: string): SuccessReply;
export function toolCallReply(
  first: string | ScriptToolCall | ScriptToolCall[],
  second?: Record<string, unknown> | string,
  third?: string,
): SuccessReply {
  if (typeof first === "string") {
    const args = typeof second === "object" ? second : {};
    return { content: third, toolCalls: [{ name: first, args }] };
  }
  const content = typeof second === "string" ? second : undefined;
  return { content, toolCalls: Array.isArray(first) ? first : [first] };
}
