import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { yieldToEventLoop } from "../lib/common/eventLoop.ts";
import { confirm } from "../nodes/confirm.ts";
import { narrate } from "../nodes/narrate.ts";
import { readTools } from "../nodes/readTools.ts";
import { writeTools } from "../nodes/writeTools.ts";
import { TurnConfigurationSchema } from "./configuration.ts";
import { TurnInput, TurnOutput, TurnState, TurnStateSchema, type TurnStateType } from "./state.ts";

/**
 * A node that starts on a fresh event-loop turn. A turn's steps are synchronous between model
 * calls (SQLite is synchronous), so without this, turns started together run their reads, recalls
 * and prompt building back to back and every other request (GET /health, a token of another
 * story) waits for all of them.
 */
function onItsOwnLoopTurn<R>(node: (state: TurnStateType, config: LangGraphRunnableConfig) => Promise<R>) {
  return async (state: TurnStateType, config: LangGraphRunnableConfig): Promise<R> => {
    await yieldToEventLoop();
    return node(state, config);
  };
}

const steps = {
  readTools: onItsOwnLoopTurn(readTools),
  narrate: onItsOwnLoopTurn(narrate),
  writeTools: onItsOwnLoopTurn(writeTools),
  confirm: onItsOwnLoopTurn(confirm),
};

/**
 * One story turn:
 *   readTools  — the engine reads state, world and memories itself (no model round trip)
 *   narrate    — one streaming model call: the narrative, then a batch of write requests
 *   writeTools — the writes run after the stream, validated, all-or-nothing, on a draft
 *   confirm    — one short model call over the write results, then the turn commits
 * The server's graph: its state is TurnStateSchema, so LangGraph checks each node's update key by key.
 */
export const builder = new StateGraph({ state: TurnStateSchema, input: TurnInput, output: TurnOutput, context: TurnConfigurationSchema })
  .addSequence(steps)
  .addEdge(START, "readTools")
  .addEdge("confirm", END);

/**
 * The same turn for LangGraph Studio, compiled without a checkpointer (Studio supplies its own; the
 * server compiles `builder` with SQLite). Its state is the Zod TurnState, from which the dev server
 * publishes the state, input (strict) and config schemas; for a StateSchema state it would publish
 * no config schema.
 */
export const graph = new StateGraph({ state: TurnState, input: TurnInput, output: TurnOutput, context: TurnConfigurationSchema })
  .addNode("readTools", steps.readTools)
  .addNode("narrate", steps.narrate)
  .addNode("writeTools", steps.writeTools)
  .addNode("confirm", steps.confirm)
  .addEdge(START, "readTools")
  .addEdge("readTools", "narrate")
  .addEdge("narrate", "writeTools")
  .addEdge("writeTools", "confirm")
  .addEdge("confirm", END)
  .compile();
graph.name = "QuietStories turn";

/** The turn graph compiled with a checkpointer (the server's SQLite saver, or a test's). */
export type CompiledTurnGraph = ReturnType<typeof builder.compile>;
