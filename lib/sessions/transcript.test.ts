import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { TurnRecord } from "../../graph/records.ts";
import { keepRecent, RECENT_TURNS } from "../../graph/state.ts";
import { TranscriptStore } from "./transcript.ts";

const record = (turn: number, input = `action ${turn}`): TurnRecord => ({
  turn,
  input,
  narrative: `narrative ${turn}`,
  tool_calls: [],
  confirmation: "",
  at: new Date(Date.UTC(2026, 0, 1, 0, turn)).toISOString(),
  metrics: { ttft_ms: 1, total_ms: turn, llm_calls: 1, tool_calls: 0, cache_hits: 0, tool_calls_by_name: {}, tool_calls_by_phase: { read: 0, write: 0, repair: 0 }, input_tokens: 1, output_tokens: 1, model: "offline", repaired: false },
});

describe("TranscriptStore", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qs-transcript-"));
  const store = new TranscriptStore(path.join(dir, "transcript.sqlite"));
  afterEach(async () => {
    await store.deleteSession("a");
    await store.deleteSession("b");
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("pages newest first and says where the next page starts", async () => {
    for (let t = 1; t <= 5; t++) await store.append("a", record(t), `ck${t}`);
    expect((await store.page("a", 2)).items.map((r) => r.turn)).toEqual([5, 4]);
    expect((await store.page("a", 2)).next_before).toBe(4);
    expect(await store.page("a", 2, 2)).toMatchObject({ items: [expect.objectContaining({ turn: 1 })], next_before: null });
    expect((await store.page("a", 4, 5)).next_before).toBeNull();
    expect(await store.page("b", 10)).toEqual({ items: [], next_before: null });
  });

  it("repairs without replacing, forgets later turns, copies a fork's share", async () => {
    await store.append("a", record(1), "ck1");
    await store.append("a", record(2), "ck2");
    expect(await store.insertMissing("a", [record(2, "other take"), record(3)])).toBe(1);
    expect(store.get("a", 2)?.input).toBe("action 2");
    expect(await store.checkpointOf("a", 2)).toBe("ck2");
    expect(await store.checkpointOf("a", 3)).toBeUndefined();
    expect(await store.deleteAfter("a", 1)).toBe(2);
    expect(store.latestTurn("a")).toBe(1);
    await store.append("a", record(2), "ck2");
    expect(await store.copy("a", "b", 1)).toBe(1);
    expect((await store.page("b", 10)).items.map((r) => r.turn)).toEqual([1]);
    expect(await store.checkpointOf("b", 1)).toBeUndefined();
    expect((await store.metrics("a")).map((m) => [m.turn, m.metrics.total_ms])).toEqual([[1, 1], [2, 2]]);
  });

  it("keeps only the recent window in the checkpointed history", () => {
    const window = keepRecent([record(1), record(2), record(3)], [record(4)]);
    expect(window.map((r) => r.turn)).toEqual([2, 3, 4]);
    expect(window).toHaveLength(RECENT_TURNS);
    expect(keepRecent(Array.from({ length: 9 }, (_, i) => record(i + 1)), []).map((r) => r.turn)).toEqual([7, 8, 9]);
  });
});
