import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runExtract } from "./extract.ts";

const dir = mkdtempSync(path.join(tmpdir(), "qs-extract-"));
const castFile = path.join(dir, "cast.json");
writeFileSync(castFile, JSON.stringify([{ id: "sera", name: "Sera" }, { id: "tomas", name: "Tomas" }, { id: "hale", name: "Dr. Yuen Hale" }]));

async function run(args: string[], input: string): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  stdin.end(input);
  const code = await runExtract(args, { stdin, stdout, stderr });
  return { code, out, err };
}

const lines = (s: string): unknown[] => s.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));

describe("quietstories extract", () => {
  it("writes one result line per input line, in order, and exits 0", async () => {
    const input = [
      JSON.stringify({ entity_id: "sera", content: "Sera counts on Tomas yet detests Hale." }),
      "",
      JSON.stringify({ entity_id: "tomas", content: "Tomas mended the fence." }),
    ].join("\n");
    const { code, out } = await run(["--entities", castFile], input);
    expect(code).toBe(0);
    const [first, second] = lines(out) as Array<{ relationships: Array<Record<string, unknown>> }>;
    expect(first.relationships.map((r) => `${r.from}>${r.to} ${r.type}`)).toEqual(["sera>tomas trust", "sera>hale hostility"]);
    expect(Object.keys(first.relationships[0]).sort()).toEqual(["confidence", "from", "sentiment", "strength", "to", "type"]);
    expect(second).toEqual({ relationships: [] });
    expect(lines(out)).toHaveLength(2);
  });

  it("answers malformed lines with an error line, keeps going, and exits 1", async () => {
    const input = ["not json", JSON.stringify({ entity_id: "sera" }), JSON.stringify({ entity_id: "sera", content: "Sera fears Tomas." })].join("\n");
    const { code, out } = await run(["--entities", castFile], input);
    expect(code).toBe(1);
    const out3 = lines(out) as Array<Record<string, unknown>>;
    expect(out3).toHaveLength(3);
    expect(out3[0].error).toMatch(/line 1: invalid JSON/);
    expect(out3[1].error).toMatch(/line 2: .*content/);
    expect(out3[2]).toMatchObject({ relationships: [{ from: "sera", to: "tomas", type: "fear" }] });
  });

  it("exits 2 with a clear message when the cast is missing or invalid", async () => {
    expect(await run([], "")).toMatchObject({ code: 2, err: expect.stringMatching(/missing --entities/) });
    expect(await run(["--entities", path.join(dir, "nope.json")], "")).toMatchObject({ code: 2, err: expect.stringMatching(/cannot read/) });
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify([{ id: "sera" }]));
    expect(await run(["--entities", bad], "")).toMatchObject({ code: 2, err: expect.stringMatching(/array of \{id, name\}.*name/) });
    writeFileSync(bad, "{");
    expect(await run(["--entities", bad], "")).toMatchObject({ code: 2, err: expect.stringMatching(/not JSON/) });
    expect(await run(["--bogus"], "")).toMatchObject({ code: 2 });
  });

  it("prints usage on --help", async () => {
    const { code, out } = await run(["--help"], "");
    expect(code).toBe(0);
    expect(out).toMatch(/usage: quietstories extract --entities/);
  });
});
