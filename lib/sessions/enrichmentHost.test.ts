import { describe, expect, it } from "vitest";
import type { NewEnrichmentTask } from "../enrichment/queue.ts";
import type { RelationshipType } from "../relationships/types.ts";
import { observationsOf } from "./enrichmentHost.ts";

const task: NewEnrichmentTask = {
  session_id: "ses_aaaaaaaaaaaaaaaaaaaa", memory_id: "mem_1", entity_id: "tomas", content: "Tomas keeps glancing at Mara.", from: "tomas", to: "mara", reason: "untyped", turn: 2,
};
const edge = (type: RelationshipType, sentiment: number, from = "tomas", to = "mara") => ({ from, to, type, sentiment });
const answer = (...edges: Array<ReturnType<typeof edge>>) => observationsOf(task, { edges, confidence: 0.8, reason: "r" });

describe("observationsOf: an enrichment answer as graph observations", () => {
  it("a type with a fixed sign takes that sign whatever sentiment the model sent; family keeps the answer's sign", () => {
    expect(answer(edge("trust", -0.8))).toMatchObject([{ type: "trust", sentiment: 0.8 }]);
    expect(answer(edge("hostility", 0.5))).toMatchObject([{ type: "hostility", sentiment: -0.5 }]);
    expect(answer(edge("family", -0.4))).toMatchObject([{ type: "family", sentiment: -0.4 }]);
    expect(answer(edge("family", 0.6))).toMatchObject([{ type: "family", sentiment: 0.6 }]);
  });

  it("no edge applies nothing; an answer keeps the task's memory and turn", () => {
    expect(answer()).toEqual([]);
    expect(answer(edge("love", 0.6))).toMatchObject([{ from: "tomas", to: "mara", memoryId: "mem_1", turn: 2, strength: 0.6, confidence: 0.8 }]);
  });

  it("every edge of the pair becomes an observation: both ways, and two types one way", () => {
    const both = answer(edge("alliance", 0.7), edge("alliance", 0.7, "mara", "tomas"), edge("family", 0.5, "mara", "tomas"));
    expect(both.map((o) => `${o.from}>${o.to}:${o.type}`)).toEqual(["tomas>mara:alliance", "mara>tomas:alliance", "mara>tomas:family"]);
    // "Tomas frightens Mara", asked as tomas→mara: the fear is Mara's.
    expect(answer(edge("fear", 0.6, "mara", "tomas"))).toMatchObject([{ from: "mara", to: "tomas", type: "fear", sentiment: -0.6, memoryId: "mem_1" }]);
  });
});
