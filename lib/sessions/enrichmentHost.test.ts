import { describe, expect, it } from "vitest";
import type { EnrichmentResult, NewEnrichmentTask } from "../enrichment/queue.ts";
import { observationsOf } from "./enrichmentHost.ts";

const task: NewEnrichmentTask = {
  session_id: "ses_aaaaaaaaaaaaaaaaaaaa", memory_id: "mem_1", entity_id: "tomas", content: "Tomas keeps glancing at Mara.", from: "tomas", to: "mara", reason: "untyped", turn: 2,
};
const answer = (type: EnrichmentResult["type"], sentiment: number) => observationsOf(task, { type, sentiment, confidence: 0.8, reason: "r" });

describe("observationsOf: an enrichment answer as graph observations", () => {
  it("a type with a fixed sign takes that sign whatever sentiment the model sent; family keeps the answer's sign", () => {
    expect(answer("trust", -0.8)).toMatchObject([{ type: "trust", sentiment: 0.8 }]);
    expect(answer("hostility", 0.5)).toMatchObject([{ type: "hostility", sentiment: -0.5 }]);
    expect(answer("family", -0.4)).toMatchObject([{ type: "family", sentiment: -0.4 }]);
    expect(answer("family", 0.6)).toMatchObject([{ type: "family", sentiment: 0.6 }]);
  });

  it("none applies nothing; an answer keeps the task's pair, memory and turn", () => {
    expect(answer("none", 0)).toEqual([]);
    expect(answer("love", 0.6)).toMatchObject([{ from: "tomas", to: "mara", memoryId: "mem_1", turn: 2, strength: 0.6, confidence: 0.8 }]);
  });

  it("the reverse half is held by the task's `to` toward its `from`, with the same sign rules", () => {
    const both = observationsOf(task, { type: "alliance", sentiment: 0.7, reverse_type: "alliance", reverse_sentiment: 0.7, confidence: 0.8, reason: "r" });
    expect(both.map((o) => `${o.from}>${o.to}:${o.type}`)).toEqual(["tomas>mara:alliance", "mara>tomas:alliance"]);
    // "Mara frightens Tomas", asked as tomas→mara: no feeling that way, fear the other way.
    const back = observationsOf(task, { type: "none", sentiment: 0, reverse_type: "fear", reverse_sentiment: 0.6, confidence: 0.7, reason: "r" });
    expect(back).toMatchObject([{ from: "mara", to: "tomas", type: "fear", sentiment: -0.6, memoryId: "mem_1", confidence: 0.7 }]);
    expect(observationsOf(task, { type: "trust", sentiment: 0.5, reverse_type: "none", reverse_sentiment: 0, confidence: 0.8, reason: "r" })).toHaveLength(1);
  });
});
