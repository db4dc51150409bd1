import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type TurnRuntime } from "../../../graph/runtime.ts";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { probeStory, type RecallSample } from "./recall.ts";

// A 50-turn scripted story of the recall benchmark, through the real read step and the narrate
// step's context selection (offline embedder): hybrid must find an indirect reference that the
// vector-only search misses, and must not lose any reference the vector search finds.
describe("hybrid recall on a small scripted story", () => {
  let dataDir: string;
  let runtime: TurnRuntime;
  let samples: RecallSample[];
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-recall-test-"));
    runtime = createRuntime(loadEnv({ QS_DATA_DIR: dataDir, QS_MODEL_PROVIDER: "offline", QS_EMBEDDINGS: "offline" }), silentLogger, { withEnrichment: false });
    samples = await probeStory(runtime, "frontier-caravan", 50);
  });
  afterAll(async () => {
    await runtime.memory.closeAll();
    await rm(dataDir, { recursive: true, force: true });
  });

  const of = (retriever: RecallSample["retriever"]) => new Map(samples.filter((s) => s.retriever === retriever).map((s) => [`${s.fact}/${s.ref}`, s]));

  it("finds an indirect reference the vector-only search misses", () => {
    const vector = of("vector");
    const gained = [...of("hybrid")].filter(([key, s]) => s.ref === "indirect" && s.hit && !vector.get(key)?.hit);
    expect(gained.length).toBeGreaterThan(0);
  });

  it("keeps every direct reference and the no-memory baseline finds none at these distances", () => {
    expect([...of("hybrid").values()].filter((s) => s.ref === "direct").every((s) => s.hit)).toBe(true);
    expect([...of("none").values()].some((s) => s.hit)).toBe(false);
  });
});
