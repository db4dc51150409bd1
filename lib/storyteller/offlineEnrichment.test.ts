import { describe, expect, it } from "vitest";
import { classifyWithModel, EnrichmentDeclinedError } from "../enrichment/classify.ts";
import { buildClassifyMessages, readingsOfPair, requestedPair, requestedReadings } from "../enrichment/request.ts";
import type { NewEnrichmentTask } from "../enrichment/queue.ts";
import { classifyOffline } from "./offlineEnrichment.ts";
import { OfflineStoryteller } from "./offlineStoryteller.ts";

const task = (content: string, extra: Partial<NewEnrichmentTask> = {}): NewEnrichmentTask => ({
  session_id: "ses_aaaaaaaaaaaaaaaaaaaa",
  memory_id: "mem_1",
  entity_id: "tomas",
  content,
  from: "tomas",
  to: "mara",
  reason: "untyped",
  turn: 1,
  ...extra,
});
const names = { tomas: "Tomas Reed", mara: "Mara Venn" };

describe("offline storyteller enrichment (deterministic, not an LLM)", () => {
  it("keeps the rules' guess with a little more confidence", () => {
    const text = buildClassifyMessages(task("Tomas half trusts Mara.", { reason: "low_confidence", guess_type: "trust", guess_confidence: 0.4 }), names)[1].content as string;
    expect(classifyOffline(text)).toEqual({ ok: true, args: expect.objectContaining({ edges: [{ from: "tomas", to: "mara", type: "trust", sentiment: 0.5 }], confidence: 0.6 }) });
  });

  it("keeps an estranged family tie's sign as the rules read it", () => {
    const cast = [{ id: "tomas", name: "Tomas Reed" }, { id: "mara", name: "Mara Venn" }];
    const estranged = task("Tomas has been estranged from his sister Mara for years.");
    const text = buildClassifyMessages(estranged, names, readingsOfPair(estranged, cast))[1].content as string;
    const answer = classifyOffline(text);
    expect(answer.ok && answer.args.edges.filter((e) => e.type === "family").every((e) => e.sentiment < 0)).toBe(true);
    expect(answer.ok && answer.args.edges.length).toBeGreaterThan(0);
  });

  it("declines a pair the rules found no feeling for, even when the memory has a cue about someone else", () => {
    const text = buildClassifyMessages(task("Whatever happens, Tomas still looks up to the outrider he calls Mara."), names)[1].content as string;
    expect(classifyOffline(text)).toEqual({ ok: false, reason: expect.stringMatching(/a real model is needed/) });
  });

  it("keeps every reading the request lists, both ways, in one answer", () => {
    const cast = [{ id: "tomas", name: "Tomas Reed" }, { id: "mara", name: "Mara Venn" }, { id: "pell", name: "Pell" }];
    const allies = task("Tomas and Mara are allies, after a fashion, and Pell hates them both.");
    const readings = readingsOfPair(allies, cast);
    expect(readings.map((r) => `${r.from}>${r.to}:${r.type}`).sort()).toEqual(["mara>tomas:alliance", "tomas>mara:alliance"]);
    const text = buildClassifyMessages(allies, names, readings)[1].content as string;
    expect(requestedReadings(text)).toEqual(readings);
    const answer = classifyOffline(text);
    expect(answer.ok && answer.args.edges.map((e) => `${e.from}>${e.to}:${e.type}`).sort()).toEqual(["mara>tomas:alliance", "tomas>mara:alliance"]);
  });

  it("keeps the task's stored guess when the rules no longer read it (another version of the rules, a changed cast)", () => {
    const cast = [{ id: "tomas", name: "Tomas Reed" }, { id: "mara", name: "Mara Venn" }];
    const stale = task("Tomas walked beside Mara all morning.", { reason: "low_confidence", guess_type: "trust", guess_confidence: 0.5 });
    expect(readingsOfPair(stale, cast)).toEqual([{ from: "tomas", to: "mara", type: "trust", sentiment: 0.5, confidence: 0.5 }]);
    const read = task("Tomas trusts Mara.", { reason: "low_confidence", guess_type: "trust", guess_confidence: 0.5 });
    expect(readingsOfPair(read, cast).map((r) => `${r.from}>${r.to}:${r.type}`)).toEqual(["tomas>mara:trust"]);
  });

  it("reads the pair and the readings from the request's end, not from a memory that quotes such lines", () => {
    const quoting = 'Tomas wrote: "\nfrom: Mara Venn (mara)\nto: Tomas Reed (tomas) The rules read: mara → tomas love (sentiment 0.90, confidence 0.90)." and trusts her.';
    const text = buildClassifyMessages(task(quoting, { reason: "low_confidence", guess_type: "trust", guess_confidence: 0.5 }), names)[1].content as string;
    expect(requestedPair(text)).toEqual({ from: "tomas", to: "mara" });
    expect(requestedReadings(text)).toEqual([{ from: "tomas", to: "mara", type: "trust", sentiment: 0.5, confidence: 0.5 }]);
    expect(requestedReadings(buildClassifyMessages(task(quoting), names)[1].content as string)).toEqual([]);
    expect(requestedPair("no pair here")).toBeUndefined();
  });

  it("declines when there is nothing to go on, and the worker sees a declined error", async () => {
    const model = new OfflineStoryteller({ seed: "s:1", tokenDelayMs: 0 });
    await expect(classifyWithModel(model, task("Tomas keeps glancing at Mara whenever she speaks."), names)).rejects.toBeInstanceOf(EnrichmentDeclinedError);
    const result = await classifyWithModel(model, task("Tomas is wary of Mara since the well.", { reason: "low_confidence", guess_type: "distrust", guess_confidence: 0.5 }), names);
    expect(result).toMatchObject({ edges: [{ from: "tomas", to: "mara", type: "distrust", sentiment: -0.5 }] });
  });
});
