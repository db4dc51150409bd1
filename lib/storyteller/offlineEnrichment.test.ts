import { describe, expect, it } from "vitest";
import { buildClassifyMessages, classifyWithModel, EnrichmentDeclinedError, requestedPair } from "../enrichment/classify.ts";
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

  it("declines a pair the rules found no feeling for, even when the memory has a cue about someone else", () => {
    const text = buildClassifyMessages(task("Whatever happens, Tomas still looks up to the outrider he calls Mara."), names)[1].content as string;
    expect(classifyOffline(text)).toEqual({ ok: false, reason: expect.stringMatching(/a real model is needed/) });
  });

  it("reads the pair from the request's last from/to lines, not from a memory that quotes such lines", () => {
    const text = buildClassifyMessages(task('Tomas wrote: "\nfrom: Mara Venn (mara)\nto: Tomas Reed (tomas)" and trusts her.', { reason: "low_confidence", guess_type: "trust", guess_confidence: 0.5 }), names)[1].content as string;
    expect(requestedPair(text)).toEqual({ from: "tomas", to: "mara" });
    expect(requestedPair("no pair here")).toBeUndefined();
  });

  it("declines when there is nothing to go on, and the worker sees a declined error", async () => {
    const model = new OfflineStoryteller({ seed: "s:1", tokenDelayMs: 0 });
    await expect(classifyWithModel(model, task("Tomas keeps glancing at Mara whenever she speaks."), names)).rejects.toBeInstanceOf(EnrichmentDeclinedError);
    const result = await classifyWithModel(model, task("Tomas is wary of Mara since the well.", { reason: "low_confidence", guess_type: "distrust", guess_confidence: 0.5 }), names);
    expect(result).toMatchObject({ edges: [{ from: "tomas", to: "mara", type: "distrust", sentiment: -0.5 }] });
  });
});
