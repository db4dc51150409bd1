import { describe, expect, it } from "vitest";
import type { NewEnrichmentTask } from "../enrichment/queue.ts";
import { observationOf } from "./enrichmentHost.ts";

const task: NewEnrichmentTask = {
  session_id: "ses_aaaaaaaaaaaaaaaaaaaa", memory_id: "mem_1", entity_id: "tomas", content: "Tomas keeps glancing at Mara.", from: "tomas", to: "mara", reason: "untyped", turn: 2,
};
const answer = (type: Parameters<typeof observationOf>[1]["type"], sentiment: number) => observationOf(task, { type, sentiment, confidence: 0.8, reason: "r" });

describe("observationOf: an enrichment answer as a graph observation", () => {
  it("a type with a fixed sign takes that sign whatever sentiment the model sent; family keeps the answer's sign", () => {
    expect(answer("trust", -0.8)).toMatchObject({ type: "trust", sentiment: 0.8 });
    expect(answer("hostility", 0.5)).toMatchObject({ type: "hostility", sentiment: -0.5 });
    expect(answer("family", -0.4)).toMatchObject({ type: "family", sentiment: -0.4 });
    expect(answer("family", 0.6)).toMatchObject({ type: "family", sentiment: 0.6 });
  });

  it("none applies nothing; an answer keeps the task's pair, memory and turn", () => {
    expect(answer("none", 0)).toBeUndefined();
    expect(answer("love", 0.6)).toMatchObject({ from: "tomas", to: "mara", memoryId: "mem_1", turn: 2, strength: 0.6, confidence: 0.8 });
  });
});
