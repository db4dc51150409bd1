import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runFidelity } from "./fidelity.ts";

/** Two A/B tests (one with a setup turn, so memories and edges exist) and one whose target no request can carry. */
const CONFIG = `
prompts: [verbose, compact]
tests:
  - description: gift
    vars: { input: "I give Tomas my spyglass so he can watch the ridge.", target: Tomas }
  - description: betrayal
    vars:
      setup: ["I share my water with Tomas."]
      input: "I tell Captain Ilse that Tomas has been stealing water from the barrels."
      target: [Tomas, Ilse]
  - description: unknowable
    vars: { input: "I wait.", target: Zanzibarquill }
`;

describe("fidelity eval (offline)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "qs-fidelity-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists each test's facts, finds them in both variants' requests, and reports what no request carries", async () => {
    const file = path.join(dir, "config.yaml");
    writeFileSync(file, CONFIG);
    const r = await runFidelity(file);
    const [gift, betrayal, unknowable] = r.tests;
    expect(gift.facts.map((f) => f.kind)).toEqual(expect.arrayContaining(["target", "role"]));
    // After sharing water: Tomas's memory of it and the edge it created are facts of the next turn.
    expect(betrayal.facts.some((f) => f.kind === "memory")).toBe(true);
    expect(betrayal.facts.some((f) => f.kind === "edge" && f.text.startsWith("tomas→"))).toBe(true);
    for (const t of [gift, betrayal]) for (const v of ["verbose", "compact"]) expect(t.variants[v].carried.every(Boolean)).toBe(true);
    // A fact absent from the request is a miss, in both variants, and lowers the recall.
    const missing = unknowable.facts.findIndex((f) => f.kind === "target" && f.text === "Zanzibarquill");
    expect(missing).toBeGreaterThanOrEqual(0);
    expect(unknowable.variants.verbose.carried[missing]).toBe(false);
    expect(unknowable.variants.compact.carried[missing]).toBe(false);
    expect(r.recall.verbose).toBeLessThan(1);
    expect(r.compactKeepsOfVerbose).toBe(1);
    expect(r.meanTokens.compact).toBeLessThan(r.meanTokens.verbose);
    expect(r.summary).toContain("compact misses (unknowable) target: Zanzibarquill");
  });
});
