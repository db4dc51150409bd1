import { END, START, StateGraph } from "@langchain/langgraph";
import { confirm } from "../nodes/confirm.ts";
import { narrate } from "../nodes/narrate.ts";
import { readTools } from "../nodes/readTools.ts";
import { writeTools } from "../nodes/writeTools.ts";
import { TurnConfigurationSchema } from "./configuration.ts";
import { TurnInput, TurnOutput, TurnState } from "./state.ts";

/**
 * One story turn:
 *   readTools  — the engine reads state, world and memories itself (no model round trip)
 *   narrate    — one streaming model call: the narrative, then a batch of write requests
 *   writeTools — the writes run after the stream, validated, all-or-nothing, on a draft
 *   confirm    — one short model call over the write results, then the turn commits
 */
export const builder = new StateGraph({ state: TurnState, input: TurnInput, output: TurnOutput, context: TurnConfigurationSchema })
  .addNode("readTools", readTools)
  .addNode("narrate", narrate)
  .addNode("writeTools", writeTools)
  .addNode("confirm", confirm)
  .addEdge(START, "readTools")
  .addEdge("readTools", "narrate")
  .addEdge("narrate", "writeTools")
  .addEdge("writeTools", "confirm")
  .addEdge("confirm", END);

/** Compiled without a checkpointer: LangGraph Studio supplies its own; the server compiles `builder` with SQLite. */
export const graph = builder.compile();
graph.name = "QuietStories turn";

/** The turn graph compiled with a checkpointer (the server's SQLite saver, or a test's). */
export type CompiledTurnGraph = ReturnType<typeof builder.compile>;
