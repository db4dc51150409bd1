import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TurnStateType } from "../graph/state.ts";
import { cardPng, pngWith, rawChunk, V1_CARD, V2_CARD } from "../lib/dev/testing/cards.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

describe("character cards over HTTP", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const upload = async (body: Buffer | string, type: string, query = "") => {
    const res = await fetch(`${server.url}/scenarios/import${query}`, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : new Uint8Array(body) });
    return { status: res.status, body: await res.json() };
  };
  const savedFiles = () => {
    const dir = path.join(server.dataDir, "scenarios");
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  /** The narrator's context of a session's turn `turn`, read back from the checkpoints. */
  const contextOf = async (id: string, turn: number) => {
    for await (const snapshot of server.engine.app.getStateHistory({ configurable: { thread_id: id } })) {
      const context = (snapshot.values as TurnStateType).context;
      if (context?.turn === turn) return context;
    }
    throw new Error(`no context for turn ${turn}`);
  };

  it("imports a PNG card, saves it with ?save=1, lists it and starts a session with a chosen greeting", async () => {
    const png = await upload(cardPng(V2_CARD), "image/png", "?player=Mara");
    expect(png.status).toBe(200);
    expect(png.body).toMatchObject({ card: { spec: "chara_card_v2", name: "Sera Vell", format: "png" }, scenario: { title: "Sera Vell", player_id: "mara" }, warnings: [] });
    expect(savedFiles()).toEqual([]);

    const saved = await upload(cardPng(V2_CARD), "image/png", "?save=1&player=Mara");
    expect(saved.status).toBe(201);
    const name: string = saved.body.saved.name;
    expect(name).toMatch(/^sera-vell-[0-9a-f]{8}$/);
    // The card's book is saved beside the scenario (for export); only the scenario is listed.
    expect(savedFiles().sort()).toEqual([`${name}.book.json`, `${name}.json`]);
    const list = await api(server.url, "GET", "/scenarios");
    expect(list.body.scenarios).toContainEqual({ name, title: "Sera Vell", premise: expect.any(String), characters: 2, saved: true });

    const session = await api(server.url, "POST", "/sessions", { scenario: name, greeting: 2 });
    expect(session.status).toBe(201);
    expect(session.body.scenario).toMatchObject({ name, opening: "Sera Vell is already waiting at the lighthouse.", lorebook_entries: 4 });
    const missing = await api(server.url, "POST", "/sessions", { scenario: name, greeting: 3 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/greeting 3 does not exist: this scenario has 3 greetings/);
    for (const bad of ["../etc/passwd", "sera-vell-0000000", "nope-12345678"]) {
      expect((await api(server.url, "POST", "/sessions", { scenario: bad })).body.error.code).toBe("unknown_scenario");
    }
  });

  it("gives back the card as the file holds it (card_json), which POST /sessions {card} takes as is, V1 included", async () => {
    for (const [file, type, card] of [[cardPng(V2_CARD), "image/png", V2_CARD], [Buffer.from(JSON.stringify(V1_CARD)), "application/json", V1_CARD]] as const) {
      const imported = await upload(file, type);
      expect(imported.status).toBe(200);
      expect(imported.body.card_json).toEqual(card);
      const started = await api(server.url, "POST", "/sessions", { card: imported.body.card_json });
      expect(started.status).toBe(201);
      expect(started.body.scenario.title).toBe(imported.body.scenario.title);
    }
  });

  it("answers every malformed card 400 with its reason and writes nothing", async () => {
    const sessionsBefore = (await api(server.url, "GET", "/sessions")).body.total;
    const filesBefore = savedFiles();
    const good = cardPng(V2_CARD);
    const badCrc = Buffer.from(good);
    badCrc[40] ^= 0xff;
    const cases: Array<[Buffer | string, string, RegExp]> = [
      [Buffer.from("GIF89a not a png"), "image/png", /not a PNG/],
      [good.subarray(0, 60), "image/png", /truncated/],
      [badCrc, "image/png", /CRC/],
      [pngWith([rawChunk("zTXt", "chara", Buffer.concat([Buffer.from([0]), deflateSync("e30=")]))]), "image/png", /zTXt/],
      [pngWith([]), "image/png", /no character card/],
      [pngWith([rawChunk("tEXt", "chara", Buffer.from("%%% not base64"))]), "image/png", /not base64/],
      ['{"title": "not a card"}', "application/json", /not a character card/],
      ['{"name": "Nul", "description": "a\\u0000b"}', "application/json", /without NUL/],
      [JSON.stringify({ ...V2_CARD, data: { ...V2_CARD.data, description: "x".repeat(600_000) } }), "application/json", /larger than 524288 bytes/],
    ];
    for (const [body, type, reason] of cases) {
      const r = await upload(body, type, "?save=1");
      expect(r.status, String(reason)).toBe(400);
      expect(r.body.error.code).toBe("invalid_card");
      expect(r.body.error.message).toMatch(reason);
    }
    expect((await upload("hello", "text/plain")).status).toBe(415);
    const tooBig = await upload(Buffer.alloc(9 * 1024 * 1024), "image/png");
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/at most 8388608 bytes/);
    const badNickname = await upload(JSON.stringify({ ...V2_CARD, spec: "chara_card_v3", spec_version: "3.0", data: { ...V2_CARD.data, nickname: 7 } }), "application/json", "?save=1");
    expect(badNickname.status).toBe(400);
    expect(badNickname.body.error).toMatchObject({ code: "invalid_card", details: [expect.stringMatching(/data\.nickname: must be a string/)] });
    const badCard = await api(server.url, "POST", "/sessions", { card: { spec: "chara_card_v2", data: { name: "" } } });
    expect(badCard.status).toBe(400);
    expect(badCard.body.error).toMatchObject({ code: "invalid_card", details: [expect.stringMatching(/data\.name/)] });
    expect((await api(server.url, "GET", "/sessions")).body.total).toBe(sessionsBefore);
    expect(savedFiles()).toEqual(filesBefore);
  });

  it("starts from {card}: opening, narrator notes, and lorebook entries only by key, per session", async () => {
    const a = await api(server.url, "POST", "/sessions", { card: V2_CARD, player: "Mara", greeting: 1 });
    expect(a.status).toBe(201);
    expect(a.body.scenario).toMatchObject({ name: "card", opening: "The harbour bell rings as Sera Vell finds Mara at the quay." });
    expect(a.body.scenario.notes).toHaveLength(2);
    expect(a.body.scenario.metadata).toMatchObject({ source: "character_card", card: { creator: "test-author" } });
    const b = await api(server.url, "POST", "/sessions", { card: V1_CARD });
    expect(b.body.entities.map((e: { name: string }) => e.name)).toEqual(["You", "Captain Ilse"]);

    const lore = async (id: string, turn: number) => (await contextOf(id, turn)).memories.filter((m) => m.scope === "lore").map((m) => m.content);
    expect((await api(server.url, "POST", `/sessions/${a.body.id}/turns`, { input: "I wait quietly." })).status).toBe(200);
    expect(await lore(a.body.id, 1)).toEqual(["Vell Harbour is ruled by the Lantern Guild."]); // constant only: no key named
    expect((await contextOf(a.body.id, 1)).notes).toEqual([...a.body.scenario.notes, expect.stringMatching(/^The story opened with this scene.*harbour bell/)]);

    expect((await api(server.url, "POST", `/sessions/${a.body.id}/turns`, { input: "I ask Sera about the Gull." })).status).toBe(200);
    expect(await lore(a.body.id, 2)).toEqual(["The Gull sank last winter; Sera Vell saw it go down.", "Vell Harbour is ruled by the Lantern Guild."]);
    expect((await contextOf(a.body.id, 2)).notes).toEqual(a.body.scenario.notes); // the opening only on turn 1

    // Another session's lorebook is its own: the same words bring nothing of Sera's book in.
    expect((await api(server.url, "POST", `/sessions/${b.body.id}/turns`, { input: "I ask Ilse about the Gull and the Lantern Guild." })).status).toBe(200);
    expect(await lore(b.body.id, 1)).toEqual([]);
  });

  it("plays a SillyTavern export's lorebook (use_regex: true on every entry) without running its regex keys", async () => {
    const stEntry = (id: number, keys: string[], content: string) => ({ id, keys, content, comment: `entry ${id}`, secondary_keys: [], constant: false, selective: false, insertion_order: id, enabled: true, position: "after_char", use_regex: true, extensions: { position: 1, probability: null, depth: 4 } });
    const card = {
      ...V2_CARD,
      data: {
        ...V2_CARD.data,
        character_book: { name: "ST book", extensions: {}, entries: [stEntry(1, ["ember"], "Ember-stones burn without smoke."), stEntry(2, ["/emb(er)?s?/i"], "Regex-only entry."), stEntry(3, [], "@@activate\n@@depth 2\nThe harbour never sleeps.")] },
      },
    };
    const imported = await upload(JSON.stringify(card), "application/json");
    expect(imported.status).toBe(200);
    expect(imported.body.warnings).toEqual([expect.stringMatching(/entry 1 \(entry 2\) has only regular-expression keys .* skipped/), expect.stringMatching(/entry 2 \(entry 3\): decorators @@depth are not supported/)]);
    const s = await api(server.url, "POST", "/sessions", { card, player: "Mara" });
    expect(s.status).toBe(201);
    expect(s.body.warnings).toEqual(imported.body.warnings);
    expect((await api(server.url, "POST", `/sessions/${s.body.id}/turns`, { input: "I pick up an ember from the grate." })).status).toBe(200);
    const lore = (await contextOf(s.body.id, 1)).memories.filter((m) => m.scope === "lore").map((m) => m.content);
    expect(lore).toEqual(["Ember-stones burn without smoke.", "The harbour never sleeps."]);
  });

  it("exports a cast member as a V2 card that imports back to the same scenario", async () => {
    const s = await api(server.url, "POST", "/sessions", { card: V2_CARD, player: "Mara" });
    const exported = await api(server.url, "GET", `/sessions/${s.body.id}/characters/sera-vell/card`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="sera-vell.card.json"');
    expect(exported.body).toMatchObject({ spec: "chara_card_v2", data: { name: "Sera Vell", first_mes: V2_CARD.data.first_mes } });
    const again = await upload(JSON.stringify(exported.body), "application/json", "?player=Mara");
    const original = await upload(JSON.stringify(V2_CARD), "application/json", "?player=Mara");
    const comparable = (sc: { metadata: { card: Record<string, unknown> } }) => ({ ...sc, metadata: { ...sc.metadata, card: { ...sc.metadata.card, extensions: {} } } });
    expect(comparable(again.body.scenario)).toEqual(comparable(original.body.scenario));

    expect((await api(server.url, "GET", `/sessions/${s.body.id}/characters/nobody/card`)).status).toBe(404);
    expect((await api(server.url, "GET", `/sessions/${s.body.id}/characters/Bad%20Id/card`)).status).toBe(400);
  });

  it("gives a SillyTavern card's lorebook back as imported (unplayed entries, every entry's own fields), kept beside the session's state, copied by a fork and saved with ?save=1", async () => {
    // Every entry carries every field, as SillyTavern writes them, so the export must equal the card's entries exactly.
    const stEntry = (id: number, over: Record<string, unknown>) => ({
      id, keys: [`key${id}`], secondary_keys: [], comment: `entry ${id}`, content: `Entry ${id} of {{char}}'s book.`, constant: false, selective: true,
      insertion_order: 100 - id, enabled: true, position: "after_char", use_regex: true, priority: 10 + id, case_sensitive: false,
      extensions: { position: 1, exclude_recursion: false, display_index: id, probability: 100, useProbability: true, depth: 4, selectiveLogic: 0, group: "", role: null, case_sensitive: null },
      ...over,
    });
    const entries = [
      stEntry(0, { keys: ["Gull", "/gulls?/i"], secondary_keys: ["ship"], name: "The Gull" }),
      stEntry(1, { enabled: false, content: "A disabled entry the user may enable again." }),
      stEntry(2, { content: "@@dont_activate\nKept for another tool." }),
      stEntry(3, { keys: ["/emb(er)?s?/i"], content: "Regex-only: {{char}} keeps an ember." }),
      stEntry(7, { keys: [], constant: true, content: "@@depth 2\n{{char}} never sleeps.", extensions: { custom: { nested: [1, "two", null] } }, priority: 0, position: "before_char", displayIndex: 3 }),
    ];
    const card = { ...V2_CARD, data: { ...V2_CARD.data, character_book: { name: "ST book", description: "SillyTavern's", extensions: { world: "vell" }, scan_depth: 4, recursive_scanning: null, tool_field: { a: [1] }, entries } } };
    const s = await api(server.url, "POST", "/sessions", { card, player: "Mara" });
    expect(s.status).toBe(201);
    expect(s.body.scenario.lorebook_entries).toBe(2); // the engine plays entries 0 and 7 only
    expect(JSON.stringify(s.body.scenario)).not.toContain("Kept for another tool"); // kept for export, not shown

    const exported = await api(server.url, "GET", `/sessions/${s.body.id}/characters/sera-vell/card`);
    expect(exported.status).toBe(200);
    expect(exported.body.data.character_book).toEqual(card.data.character_book);

    const again = await upload(JSON.stringify(exported.body), "application/json", "?player=Mara");
    const original = await upload(JSON.stringify(card), "application/json", "?player=Mara");
    expect(again.body.warnings).toEqual(original.body.warnings);
    const comparable = (sc: { metadata: { card: Record<string, unknown> } }) => ({ ...sc, metadata: { ...sc.metadata, card: { ...sc.metadata.card, extensions: {} } } });
    expect(comparable(again.body.scenario)).toEqual(comparable(original.body.scenario));

    // The book as written is kept in the session's index row, never in its checkpointed state.
    const state = JSON.stringify((await server.engine.app.getState({ configurable: { thread_id: s.body.id } })).values);
    expect(state).not.toContain("Kept for another tool");
    expect(state).not.toContain("played");
    // A fork (at turn 0, the session has no turns) carries the book; deleting the source does not take it.
    const fork = await api(server.url, "POST", `/sessions/${s.body.id}/fork`, { turn: 0 });
    expect(fork.status).toBe(201);
    expect((await api(server.url, "DELETE", `/sessions/${s.body.id}`)).status).toBe(204);
    expect(await server.engine.cardBook(s.body.id)).toBeUndefined();
    const fromFork = await api(server.url, "GET", `/sessions/${fork.body.id}/characters/sera-vell/card`);
    expect(fromFork.body.data.character_book).toEqual(card.data.character_book);

    // Saved with ?save=1 (how the web page starts a card too big to post), the book comes back the same way.
    const saved = await upload(JSON.stringify(card), "application/json", "?player=Mara&save=1");
    expect(saved.status).toBe(201);
    const fromSaved = await api(server.url, "POST", "/sessions", { scenario: saved.body.saved.name });
    expect(fromSaved.status).toBe(201);
    expect((await api(server.url, "GET", `/sessions/${fromSaved.body.id}/characters/sera-vell/card`)).body.data.character_book).toEqual(card.data.character_book);

    // A scenario posted inline (no card) has no kept book: the export writes the entries the session plays.
    const inline = await api(server.url, "POST", "/sessions", { scenario: original.body.scenario });
    expect(inline.status).toBe(201);
    const played = await api(server.url, "GET", `/sessions/${inline.body.id}/characters/sera-vell/card`);
    expect(played.body.data.character_book).toEqual({
      name: "ST book", description: "SillyTavern's", extensions: { world: "vell" }, scan_depth: 4,
      entries: [
        { id: 0, keys: ["Gull"], content: "Entry 0 of Sera Vell's book.", name: "The Gull", comment: "The Gull", extensions: {}, enabled: true, insertion_order: 100, case_sensitive: false, constant: false, selective: true, secondary_keys: ["ship"] },
        { id: 1, keys: [], content: "Sera Vell never sleeps.", name: "entry 7", comment: "entry 7", extensions: {}, enabled: true, insertion_order: 93, case_sensitive: false, constant: true, selective: true, secondary_keys: [] },
      ],
    });
  });
});

describe("character cards with API keys on", () => {
  const ALICE = "alice-key-0123456789abcdef";
  const ADMIN = "admin-key-0123456789abcdef";
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ QS_API_KEYS: `alice:${ALICE}`, QS_ADMIN_KEY: ADMIN });
  });
  afterAll(async () => server?.close());

  const upload = (key: string | undefined, query: string) =>
    fetch(`${server.url}/scenarios/import${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(V1_CARD),
    });

  it("needs a key to import, and the admin key to save into the shared catalogue", async () => {
    expect((await upload(undefined, "")).status).toBe(401);
    expect((await upload(ALICE, "")).status).toBe(200);
    const refused = await upload(ALICE, "?save=1");
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("admin_only");
    expect(existsSync(path.join(server.dataDir, "scenarios"))).toBe(false);
    expect((await upload(ADMIN, "?save=1")).status).toBe(201);
  });
});
