import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseCommandArgs } from "./args.ts";
import { z } from "zod";
import { extractRelationships } from "../relationships/extract.ts";
import { EntityRefSchema, type EntityRef } from "../relationships/types.ts";

/** Streams the extract command reads from and writes to (process streams, or PassThrough in tests). */
export interface ExtractIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = `usage: quietstories extract --entities <cast.json> < memories.jsonl > relationships.jsonl

Reads one JSON object per line on stdin: {"entity_id": "sera", "content": "Sera counts on Tomas."}
Writes one line per input line, in order: {"relationships": [{"from","to","type","sentiment","strength","confidence"}]}
A malformed line gets {"error": "..."} and the command exits 1 after the last line. Blank lines are skipped.

  --entities <file>   JSON array of {"id": "...", "name": "..."} (the cast)
  --help              this text
`;

const CastSchema = z.array(EntityRefSchema).min(1, "the cast is empty");
const MemoryLineSchema = z.object({ entity_id: z.string().min(1), content: z.string() });

async function loadCast(file: string): Promise<EntityRef[]> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = CastSchema.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`${file} must be an array of {id, name}: ${reasons}`);
  }
  return parsed.data;
}

// Honour backpressure so a slow consumer (a pipe into less) never makes us buffer everything.
async function writeLine(out: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, "drain");
}

/** One input line → the output object for it (a result or an error, never a throw). */
function processLine(line: string, lineNo: number, cast: EntityRef[]): { ok: boolean; value: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return { ok: false, value: { error: `line ${lineNo}: invalid JSON: ${(err as Error).message}` } };
  }
  const parsed = MemoryLineSchema.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { ok: false, value: { error: `line ${lineNo}: expected {"entity_id": string, "content": string}: ${reasons}` } };
  }
  const relationships = extractRelationships(parsed.data, cast).map(({ from, to, type, sentiment, strength, confidence }) => ({
    from, to, type, sentiment, strength, confidence,
  }));
  return { ok: true, value: { relationships } };
}

/**
 * `quietstories extract --entities <cast.json>`: relationship extraction as a JSON-lines filter.
 * Exit codes: 0 all lines fine, 1 some line was malformed, 2 bad usage or cast file.
 */
export async function runExtract(args: string[], io: ExtractIO): Promise<number> {
  const parsed = parseCommandArgs(args, { entities: { type: "string" } }, USAGE, io);
  if (typeof parsed === "number") return parsed;
  const values = parsed.values as { entities?: string };
  if (!values.entities) {
    io.stderr.write(`missing --entities <cast.json>\n${USAGE}`);
    return 2;
  }
  let cast: EntityRef[];
  try {
    cast = await loadCast(values.entities);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  let failed = false;
  let lineNo = 0;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === "") continue;
    const { ok, value } = processLine(line, lineNo, cast);
    if (!ok) failed = true;
    await writeLine(io.stdout, value);
  }
  return failed ? 1 : 0;
}
