import { createHash } from "node:crypto";
import { base32 } from "../lib/common/base32.ts";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { loadBundledScenario } from "../lib/scenarios/catalog.ts";
import type { TurnStateUpdate } from "./state.ts";
import { initialStateFor } from "./initialState.ts";

/** A session id derived from a LangGraph thread id, so a Studio thread gets its own memory folder. */
export function sessionIdForThread(threadId: string): string {
  return `ses_${base32(createHash("sha256").update(threadId).digest(), 20)}`;
}

/** The starting state for a thread that LangGraph Studio opened without the API. */
export function studioSessionState(config: LangGraphRunnableConfig, scenarioName: string): TurnStateUpdate {
  const threadId = String((config.configurable as { thread_id?: unknown } | undefined)?.thread_id ?? "studio");
  return initialStateFor(sessionIdForThread(threadId), scenarioName, loadBundledScenario(scenarioName));
}
