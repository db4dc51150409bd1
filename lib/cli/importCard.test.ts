import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cardPng, V2_CARD } from "../dev/testing/cards.ts";
import { ScenarioSchema } from "../scenarios/schema.ts";
import { runImportCard } from "./importCard.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "qs-card-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
}

describe("quietstories import-card", () => {
  it("turns a PNG card into a scenario file, with the player's name", async () => {
    const file = path.join(dir, "sera.png");
    writeFileSync(file, cardPng(V2_CARD));
    const target = path.join(dir, "scenario.json");
    const { out, io: cli } = io();
    expect(await runImportCard([file, "--player", "Mara", "--out", target], cli)).toBe(0);
    const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(target, "utf8")));
    expect(scenario).toMatchObject({ title: "Sera Vell", player_id: "mara" });
    expect(out.stderr).toContain('chara_card_v2 card "Sera Vell"');
  });

  it("prints JSON cards to stdout, and refuses a bad card with the reason and exit 1", async () => {
    const file = path.join(dir, "sera.json");
    writeFileSync(file, JSON.stringify(V2_CARD));
    const ok = io();
    expect(await runImportCard([file], ok.io)).toBe(0);
    expect(JSON.parse(ok.out.stdout).player_id).toBe("you");
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, '{"spec": "chara_card_v2", "data": {"name": 3}}');
    const refused = io();
    expect(await runImportCard([bad, "--out", path.join(dir, "never.json")], refused.io)).toBe(1);
    expect(refused.out.stderr).toMatch(/error: the card is invalid\n {2}data\.name/);
    expect(() => readFileSync(path.join(dir, "never.json"))).toThrow();
    expect(await runImportCard([], io().io)).toBe(2);
  });
});
