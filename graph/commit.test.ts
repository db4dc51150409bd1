import { describe, expect, it } from "vitest";
import { loadBundledScenario } from "../lib/scenarios/catalog.ts";
import type { MemoryDoc } from "../lib/memory/types.ts";
import { initialStateFor } from "./initialState.ts";
import { draftFrom } from "../lib/tools/draft.ts";
import { runWrite } from "../lib/tools/writes.ts";
import { commitTurn, enrichmentTasks } from "./commit.ts";
import { emptyCounters } from "./records.ts";
import type { TurnStateType } from "./state.ts";

const scenario = loadBundledScenario("frontier-caravan");
const base = { ...initialStateFor("frontier-caravan", scenario), relationships: { edges: {} }, history: [] } as unknown as TurnStateType;

const doc = (i: number, entity_id: string, content: string): MemoryDoc => ({
  id: `mem_${i}`, entity_id, content, scope: "relationship", visibility: "private", importance: 0.7, related_entities: [], turn: 1, created_at: "", label: i,
});

describe("commitTurn (pure)", () => {
  const staged = runWrite(
    "add_memories",
    {
      memories: [
        { entity_id: "tomas", scope: "relationship", content: "Tomas now counts on Mara after she shared her water." },
        { entity_id: "tomas", scope: "relationship", content: "Tomas keeps glancing at Mara whenever she speaks." },
      ],
    },
    draftFrom(base),
  );
  if (!staged.ok) throw new Error(staged.error);
  const stored = [doc(1, "tomas", "Tomas now counts on Mara after she shared her water."), doc(2, "tomas", "Tomas keeps glancing at Mara whenever she speaks.")];
  const state = { ...base, action: "I share water", narrative: "You share.", startedAt: 1000 } as TurnStateType;
  const update = commitTurn({ state, draft: staged.draft, writes: [], counters: { ...emptyCounters(), llm_calls: 2, ttft_ms: 50 }, confirmation: "ok", storedMemories: stored, model: "m", now: new Date(4000) });

  it("turns staged relationships into observations with their memory ids", () => {
    expect(update.relationships).toEqual([expect.objectContaining({ from: "tomas", to: "mara", type: "trust", memoryId: "mem_1", turn: 1 })]);
  });

  it("records the turn with its metrics and advances the turn counter", () => {
    expect(update.turn).toBe(1);
    expect(update.history).toEqual([expect.objectContaining({ turn: 1, input: "I share water", narrative: "You share.", confirmation: "ok" })]);
    const metrics = (update.history as TurnStateType["history"])[0].metrics;
    expect(metrics).toMatchObject({ ttft_ms: 50, total_ms: 3000, llm_calls: 2, model: "m" });
    expect(update.draft).toBeNull();
    // Generic LangGraph chat clients read the exchange from `messages`.
    expect((update.messages as Array<{ getType(): string; content: unknown }>).map((m) => [m.getType(), m.content])).toEqual([
      ["human", "I share water"],
      ["ai", "You share."],
    ]);
  });

  it("leaves what the rules could not settle to background enrichment", () => {
    expect(enrichmentTasks("ses_aaaaaaaaaaaaaaaaaaaa", 1, staged.draft, stored)).toEqual([
      expect.objectContaining({ memory_id: "mem_2", from: "tomas", to: "mara", reason: "untyped", turn: 1 }),
    ]);
  });
});
