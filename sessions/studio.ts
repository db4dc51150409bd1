import { createHash } from "node:crypto";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { loadBundledScenario } from "../scenarios/catalog.ts";
import type { TurnStateUpdate } from "../graph/state.ts";
import { initialStateFor } from "./initialState.ts";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** A session id derived from a LangGraph thread id, so a Studio thread gets its own memory folder. */
export function sessionIdForThread(threadId: string): string {
  const digest = createHash("sha256").update(threadId).digest();
  let id = "ses_";
  for (let i = 0; i < 20; i++) id += BASE32[digest[i] % 32];
  return id;
}

/** The starting state for a thread that LangGraph Studio opened without the API. */
export function studioSessionState(config: LangGraphRunnableConfig, scenarioName: string): TurnStateUpdate {
  const threadId = String((config.configurable as { thread_id?: unknown } | undefined)?.thread_id ?? "studio");
  return initialStateFor(sessionIdForThread(threadId), scenarioName, loadBundledScenario(scenarioName));
}
