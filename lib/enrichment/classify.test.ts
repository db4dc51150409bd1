import { describe, expect, it } from "vitest";
import { edgesForTask } from "./classify.ts";

const task = { from: "tomas", to: "mara" };
const names = { tomas: "Tomas Reed", mara: "Mara Venn" };
const edge = (from: string, to: string, type: "love" | "fear" = "love", sentiment = 0.6) => ({ from, to, type, sentiment });

describe("edgesForTask: a model's edges checked against the pair it was asked about", () => {
  it("keeps edges between the two, either way, and counts a repeated edge once", () => {
    expect(edgesForTask(task, [edge("tomas", "mara"), edge("mara", "tomas", "fear", -0.5), edge("tomas", "mara", "love", 0.9)], names)).toEqual([
      edge("tomas", "mara"),
      edge("mara", "tomas", "fear", -0.5),
    ]);
    expect(edgesForTask(task, [])).toEqual([]);
  });

  it("takes a person named as the request named them, in any case, and stores the id", () => {
    expect(edgesForTask(task, [edge("Tomas Reed", "MARA"), edge("Mara Venn (mara)", " tomas ", "fear")], names)).toEqual([
      edge("tomas", "mara"),
      edge("mara", "tomas", "fear"),
    ]);
  });

  it("refuses an edge about anyone else, or a feeling toward oneself, with the reason", () => {
    expect(() => edgesForTask(task, [edge("tomas", "pell")], names)).toThrow(/tomas → pell is not between tomas and mara/);
    expect(() => edgesForTask(task, [edge("Reed", "mara")], names)).toThrow(/not between/); // a surname alone is not how the request named him
    expect(() => edgesForTask(task, [edge("mara", "Mara Venn")], names)).toThrow(/not between/);
  });
});
