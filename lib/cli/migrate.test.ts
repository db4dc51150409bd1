import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadEnv } from "../config/env.ts";
import { silentLogger } from "../config/logger.ts";
import { migrationStateFile } from "../migration/mapping.ts";
import { StoryEngine } from "../sessions/engine.ts";
import { tempDataDir } from "../dev/testing/memoryStore.ts";
import { folderChecksums, writeChromaStore, writeHnswlibStore, type LegacyFixtureDoc } from "../dev/testing/legacyStores.ts";
import { runMigrate } from "./migrate.ts";

// The original system's ids are UUIDs.
const A = "3f2b9c1e-8a7d-4e21-9b6a-1c2d3e4f5a6b";
const B = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const T0 = 1_700_000_000; // unix seconds, as Python's time.time() wrote them

/** Five memories per legacy session, two of them relationship memories; marker `(story X)`. */
function legacyDocs(): LegacyFixtureDoc[] {
  return [A, B].flatMap((sid, s): LegacyFixtureDoc[] => {
    const tag = s === 0 ? "story A" : "story B";
    return [
      { id: `${s}-1`, text: `Tomas trusts Mara completely after the storm (${tag}).`, metadata: { session_id: sid, entity_id: "tomas", scope: "relationship", visibility: "private", importance: 0.9, turn: 3, timestamp: T0 + 3 } },
      { id: `${s}-2`, text: `Sera fears Tomas since the raid on the wells (${tag}).`, metadata: { session_id: sid, entity_id: "Sera", entity_name: "Sera Quill", scope: "relationship", turn: 4, timestamp: T0 + 4 } },
      { id: `${s}-3`, text: `The caravan reached the cracked well at dusk (${tag}).`, metadata: { session_id: sid, entity_id: "world", scope: "event", visibility: "public", importance: 0.4, turn: 1, timestamp: T0 + 1 } },
      { id: `${s}-4`, text: `Mara hides a map of the old river under her cloak (${tag}).`, metadata: { session_id: sid, entity_id: "mara", scope: "belief", turn: 2, timestamp: T0 + 2 } },
      { id: `${s}-5`, text: `Okoro wants to reach Greyfall before the rains (${tag}).`, metadata: { session_id: sid, entity_id: "okoro", scope: "goal", turn: 2 } },
    ];
  });
}

const BAD_ROWS: LegacyFixtureDoc[] = [
  { id: "orphan", text: "A memory nobody owns.", metadata: { scope: "event" } },
  { id: "blank", text: "   ", metadata: { session_id: A, scope: "event" } },
];

function captureIO() {
  let out = "";
  let err = "";
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err, json: () => JSON.parse(out) };
}

describe("quietstories migrate", () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let dataDir: string;
  const env = { QS_OFFLINE_TOKEN_DELAY_MS: "0" };

  const migrate = async (...args: string[]) => {
    const c = captureIO();
    const code = await runMigrate([...args, "--data-dir", dataDir], c.io, { env, logger: silentLogger, busyTimeoutMs: 0 });
    return { code, ...c };
  };
  const openEngine = () => StoryEngine.open(loadEnv({ ...env, QS_DATA_DIR: dataDir }), silentLogger);

  beforeEach(async () => {
    ({ dataDir: root, cleanup } = await tempDataDir());
    dataDir = path.join(root, "data");
  });
  afterEach(async () => cleanup());

  it("migrates a Chroma persist folder: UUID sessions mapped, metadata kept, graph built, source untouched, second run adds nothing", async () => {
    const chroma = path.join(root, "chroma");
    writeChromaStore(chroma, { entity_memories: [...legacyDocs(), ...BAD_ROWS, { id: "textless", text: null, metadata: { session_id: B } }], unrelated: [legacyDocs()[0]] });
    const before = folderChecksums(chroma);

    const first = await migrate("--from", chroma, "--scenario", "frontier-caravan");
    expect(first.code, first.err()).toBe(0);
    const report = first.json();
    expect(Object.keys(report.mapping).sort()).toEqual([A, B].sort());
    expect(Object.values(report.mapping)).toEqual([expect.stringMatching(/^ses_/), expect.stringMatching(/^ses_/)]);
    expect(report.skipped).toEqual({ without_session: 1, without_text: 2, truncated: 0 });
    expect(report.totals).toMatchObject({ sessions: 2, failed: 0, added: 10, already_present: 0 });
    for (const s of report.sessions) expect(s).toMatchObject({ action: "created", memories: 5, relationship_memories: 2, added: 5, cast_added: ["sera"] });
    expect(first.err()).toMatch(/Chroma layout sysdb 9, metadb 5/);
    expect(folderChecksums(chroma)).toEqual(before);

    const engine = await openEngine();
    try {
      expect((await engine.listSessions()).total).toBe(2);
      const a = report.mapping[A] as string;
      const { state } = await engine.getSession(a);
      // Relationship memories went through the extractor: the session starts with its graph.
      expect(Object.keys(state.relationships.edges).sort()).toEqual(["sera|tomas|fear", "tomas|mara|trust"]);
      expect(state.entities.find((e) => e.id === "sera")).toMatchObject({ name: "Sera Quill", type: "character" });
      const memories = (await (await engine.runtime.memory.get(a)).list({ limit: 50 })).items;
      expect(memories.find((m) => m.content.startsWith("The caravan"))).toMatchObject({
        entity_id: "world", scope: "event", visibility: "public", importance: 0.4, turn: 1, created_at: new Date((T0 + 1) * 1000).toISOString(),
      });
      expect(memories.find((m) => m.content.startsWith("Sera"))).toMatchObject({ entity_id: "sera", importance: 0.7, turn: 4 });
      const edge = state.relationships.edges["tomas|mara|trust"];
      expect(edge.evidence).toEqual([memories.find((m) => m.content.startsWith("Tomas"))?.id]);
    } finally {
      await engine.close();
    }

    const second = await migrate("--from", chroma, "--scenario", "frontier-caravan");
    expect(second.code, second.err()).toBe(0);
    expect(second.json().mapping).toEqual(report.mapping);
    expect(second.json().totals).toMatchObject({ added: 0, already_present: 10, observations: 0 });
    for (const s of second.json().sessions) expect(s.action).toBe("reused");
    const again = await openEngine();
    try {
      expect((await again.listSessions()).total).toBe(2);
      expect((await again.getSession(report.mapping[A])).state.relationships.edges["tomas|mara|trust"].observations).toBe(1);
    } finally {
      await again.close();
    }
    expect(folderChecksums(chroma)).toEqual(before);
  });

  it("a migrated session plays a turn, and its search finds its own migrated memories only", async () => {
    const chroma = path.join(root, "chroma");
    writeChromaStore(chroma, { entity_memories: legacyDocs() });
    const { code, json } = await migrate("--from", chroma, "--scenario", "frontier-caravan");
    expect(code).toBe(0);
    const engine = await openEngine();
    try {
      for (const [legacy, tag] of [[A, "story A"], [B, "story B"]]) {
        const id = json().mapping[legacy] as string;
        const record = await engine.runTurn(id, "I ask Tomas whether Mara can be trusted.", () => undefined);
        expect(record.turn).toBe(1);
        const hits = await engine.runtime.memory.use(id, (store) => store.search({ query: "Tomas trusts Mara after the storm", k: 50 }));
        const migrated = hits.filter((h) => h.memory.source_id?.startsWith("legacy:"));
        expect(migrated).toHaveLength(5);
        expect(migrated.every((h) => h.memory.content.includes(`(${tag})`))).toBe(true);
        expect(hits.some((h) => h.memory.content.includes(tag === "story A" ? "(story B)" : "(story A)"))).toBe(false);
      }
    } finally {
      await engine.close();
    }
  });

  it("HNSWLib store: dry run writes nothing; --map attaches to an existing session, --scenario creates the rest", async () => {
    const legacy = path.join(root, "legacy");
    await writeHnswlibStore(legacy, [...legacyDocs(), ...BAD_ROWS]);
    const before = folderChecksums(legacy);
    const engine = await openEngine();
    const existing = (await engine.createSession("frontier-caravan")).id;
    await engine.close();
    const mapFile = path.join(root, "legacy.json");
    writeFileSync(mapFile, JSON.stringify({ [A]: existing }));
    const stateFiles = () => (existsSync(path.dirname(migrationStateFile(dataDir))) ? readdirSync(path.dirname(migrationStateFile(dataDir))) : []);

    const dry = await migrate("--from", legacy, "--map", mapFile, "--dry-run");
    expect(dry.code, dry.err()).toBe(0);
    expect(dry.json()).toMatchObject({ dry_run: true, mapping: { [A]: existing }, totals: { sessions: 2, memories: 10 } });
    expect(dry.json().sessions.map((s: { action: string }) => s.action)).toEqual(["would attach", "needs --scenario or --map"]);
    expect(dry.err()).toMatch(/1 legacy session\(s\) need --scenario or --map/);
    expect(stateFiles()).toEqual([]);

    const refused = await migrate("--from", legacy, "--map", mapFile);
    expect(refused.code).toBe(2);
    expect(refused.err()).toMatch(new RegExp(`have no session here \\(${B}\\): pass --scenario`));

    const run = await migrate("--from", legacy, "--map", mapFile, "--scenario", "frontier-caravan");
    expect(run.code, run.err()).toBe(0);
    const report = run.json();
    expect(report.mapping[A]).toBe(existing);
    expect(report.sessions.map((s: { action: string }) => s.action)).toEqual(["attached", "created"]);
    expect(report.skipped).toEqual({ without_session: 1, without_text: 1, truncated: 0 });
    expect(stateFiles()).toEqual(["legacy-sessions.json"]);
    expect(folderChecksums(legacy)).toEqual(before);

    const second = await migrate("--from", legacy);
    expect(second.code, second.err()).toBe(0);
    expect(second.json().mapping).toEqual(report.mapping);
    expect(second.json().totals).toMatchObject({ added: 0, already_present: 10 });
  });

  it("reads per-session collections (session_{id}) and resumes a run that stopped after creating a session", async () => {
    const chroma = path.join(root, "chroma");
    const docs = legacyDocs().map((d) => ({ ...d, metadata: { ...d.metadata, session_id: "" } }));
    writeChromaStore(chroma, { [`session_${A}`]: docs.slice(0, 5), [`session_${B}`]: docs.slice(5), entity_memories: [] });
    // A stopped run: the session of A was created and recorded, nothing imported yet.
    const engine = await openEngine();
    const created = (await engine.createSession("frontier-caravan")).id;
    await engine.close();
    mkdirSync(path.dirname(migrationStateFile(dataDir)), { recursive: true });
    writeFileSync(migrationStateFile(dataDir), JSON.stringify({ version: 1, sessions: { [A]: { session_id: created, origin: "created" } } }));

    const { code, json, err } = await migrate("--from", chroma, "--collection", "session_*", "--scenario", "frontier-caravan");
    expect(code, err()).toBe(0);
    expect(json().mapping[A]).toBe(created);
    expect(json().sessions).toEqual([
      expect.objectContaining({ legacy_id: A, action: "reused", added: 5, observations: 2 }),
      expect.objectContaining({ legacy_id: B, action: "created", added: 5, observations: 2 }),
    ]);
    const check = await openEngine();
    try {
      expect((await check.listSessions()).total).toBe(2);
    } finally {
      await check.close();
    }
  });

  describe("bad input", () => {
    it("answers 2 with a reason for missing, unknown and unsupported sources", async () => {
      expect((await migrate()).err()).toMatch(/missing --from/);
      const nope = await migrate("--from", path.join(root, "nope"));
      expect([nope.code, nope.err()]).toEqual([2, expect.stringMatching(/no such file or folder/)]);

      const neither = path.join(root, "neither");
      mkdirSync(neither);
      writeFileSync(path.join(neither, "notes.txt"), "hello");
      expect((await migrate("--from", neither)).err()).toMatch(/neither a legacy HNSWLib store \(docstore.json\) nor a Chroma persist folder/);

      const old = path.join(root, "old-chroma");
      mkdirSync(old);
      writeFileSync(path.join(old, "chroma-collections.parquet"), "");
      const oldRun = await migrate("--from", old);
      expect([oldRun.code, oldRun.err()]).toEqual([2, expect.stringMatching(/before 0\.4 \(DuckDB \+ Parquet\)/)]);

      const chroma = path.join(root, "chroma");
      writeChromaStore(chroma, { [`session_${A}`]: legacyDocs().slice(0, 5) });
      const unknown = await migrate("--from", chroma, "--scenario", "frontier-caravan");
      expect([unknown.code, unknown.err()]).toEqual([2, expect.stringMatching(/no collection "entity_memories"; its collections: session_3f2b.*--collection 'session_\*'/)]);

      const newer = path.join(root, "newer");
      writeChromaStore(newer, { entity_memories: legacyDocs() }, { sysdb: 11, metadb: 5 });
      expect((await migrate("--from", newer)).err()).toMatch(/newer Chroma \(sysdb migration 11, metadb 5\); this reader knows the layout of Chroma 0\.4\.0 – 1\.5\.x/);

      const badMap = path.join(root, "bad.json");
      writeFileSync(badMap, JSON.stringify({ [A]: "../../etc" }));
      expect((await migrate("--from", chroma, "--collection", "session_*", "--map", badMap)).err()).toMatch(/must be \{"<legacy id>": "ses_…"\}/);
      expect((await migrate("--from", chroma, "--collection", "session_*", "--scenario", "no-such-scenario")).err()).toMatch(/unknown scenario/);
      expect(existsSync(path.join(dataDir, "sessions.sqlite"))).toBe(false);
    });

    it("answers 3 for a Chroma file another process holds locked, and leaves it untouched", async () => {
      const chroma = path.join(root, "chroma");
      const file = writeChromaStore(chroma, { entity_memories: legacyDocs() });
      const before = folderChecksums(chroma);
      const holder = new Database(file);
      holder.exec("BEGIN EXCLUSIVE");
      try {
        const locked = await migrate("--from", chroma, "--scenario", "frontier-caravan");
        expect([locked.code, locked.err()]).toEqual([3, expect.stringMatching(/is locked by another process .*SQLITE_BUSY/)]);
      } finally {
        holder.exec("ROLLBACK");
        holder.close();
      }
      expect(folderChecksums(chroma)).toEqual(before);
      expect((await migrate("--from", chroma, "--scenario", "frontier-caravan")).code).toBe(0);
    });
  });
});
