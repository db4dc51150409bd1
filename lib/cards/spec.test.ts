import { describe, expect, it } from "vitest";
import { cardPng, pngWith, rawChunk, V2_CARD, V3_CARD } from "../dev/testing/cards.ts";
import { emptyGraph } from "../relationships/graph.ts";
import { exportCard } from "./export.ts";
import { readDecorators, splitRegexKeys } from "./lore.ts";
import { substituteMacros } from "./macros.ts";
import { cardToScenario } from "./mapping.ts";
import { cardFromJson, parseCardFile } from "./parse.ts";
import { CardError } from "./schema.ts";

/** Cases from docs/cards.md, "Checked against the specs": one describe per difference fixed. */

const entry = (over: Record<string, unknown>) => ({ keys: ["ember"], content: "Ember-stones burn without smoke.", extensions: {}, enabled: true, insertion_order: 10, ...over });
const withBook = (entries: unknown[], card: { spec: string; data: object } = V2_CARD) => ({ ...card, data: { ...card.data, character_book: { extensions: {}, entries } } });
const mapped = (card: unknown, player = "Mara") => cardToScenario(cardFromJson(card), { player });
const refusal = (card: unknown): string => {
  try {
    cardFromJson(card);
  } catch (error) {
    expect(error).toBeInstanceOf(CardError);
    return [(error as CardError).message, ...(error as CardError).details].join(" | ");
  }
  throw new Error("expected a CardError");
};

describe("lorebook keys and use_regex", () => {
  it("reads SillyTavern exports (use_regex: true on every entry) by their plain keys; regex keys are never run", () => {
    const { scenario, warnings } = mapped(withBook([entry({ use_regex: true, keys: ["ember", "Who?", "/emb(er)+/i"] })]));
    expect(scenario.lorebook?.[0].keys).toEqual(["ember", "Who?"]);
    expect(warnings).toEqual([expect.stringContaining('regular-expression keys "/emb(er)+/i" are not run')]);
  });

  it("splits keys: /…/ is a regex anywhere, regex syntax only under use_regex", () => {
    expect(splitRegexKeys(["a+b", "/x/", " plain "], false)).toEqual({ plain: ["a+b", "plain"], regex: ["/x/"] });
    expect(splitRegexKeys(["a+b", "^fire$", "St. Vell"], true)).toEqual({ plain: ["St. Vell"], regex: ["a+b", "^fire$"] });
  });

  it("skips an entry left with no plain key, or whose secondary keys are all patterns", () => {
    const { scenario, warnings } = mapped(
      withBook([entry({ use_regex: true, keys: ["^fire.*$"] }), entry({ use_regex: true, selective: true, secondary_keys: ["(moon|sun)"] }), entry({ keys: ["tide"] })]),
    );
    expect(scenario.lorebook?.map((e) => e.keys)).toEqual([["tide"]]);
    expect(warnings).toEqual([expect.stringMatching(/entry 0 has only regular-expression keys .* skipped/), expect.stringMatching(/entry 1: regular-expression keys/), expect.stringMatching(/entry 1 needs a secondary key, and all of them are regular expressions; skipped/)]);
  });

  it("keeps what fits of long key lists instead of refusing the card (regex keys run long)", () => {
    const many = Array.from({ length: 40 }, (_, i) => `key${i}`);
    const { scenario, warnings } = mapped(withBook([entry({ keys: [...many, "k".repeat(150), `/${"a|".repeat(300)}b/`] })]));
    expect(scenario.lorebook?.[0].keys).toEqual(many.slice(0, 32));
    expect(warnings).toEqual([
      expect.stringMatching(/keys: 1 longer than 100 characters; left out/),
      expect.stringMatching(/keys: only the first 32 of 40 are kept/),
      expect.stringMatching(/regular-expression keys .* are not run/),
    ]);
    expect(refusal(withBook([entry({ keys: ["x".repeat(1001)] })]))).toMatch(/keys\.0: longer than 1000 characters/);
  });

  it("names at most three regex keys in a warning, each shortened", () => {
    const patterns = Array.from({ length: 10 }, (_, i) => `/${"ab|".repeat(30)}${i}/`);
    const { warnings } = mapped(withBook([entry({ keys: ["ember", ...patterns] })]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^lorebook entry 0: regular-expression keys "\/(ab\|)+…", .* and 7 more are not run/);
    expect(warnings[0].length).toBeLessThan(300);
  });

  it("never uses a disabled entry, even one that says @@activate", () => {
    const { scenario } = mapped(withBook([entry({ enabled: false, content: "@@activate\nHidden." }), entry({ keys: ["tide"] })]));
    expect(scenario.lorebook?.map((e) => e.keys)).toEqual([["tide"]]);
  });

  it("does not invert SillyTavern's NOT ANY secondary logic: the condition is dropped, with a warning", () => {
    const notAny = entry({ selective: true, secondary_keys: ["moon"], extensions: { selectiveLogic: 2 } });
    const andAll = entry({ selective: true, secondary_keys: ["moon"], extensions: { selectiveLogic: 3 } });
    const { scenario, warnings } = mapped(withBook([notAny, andAll]));
    expect(scenario.lorebook?.map((e) => e.selective)).toEqual([false, true]);
    expect(warnings).toEqual([expect.stringMatching(/logic NOT ANY, which is not supported/), expect.stringMatching(/logic AND ALL; read as AND ANY/)]);
  });

  it("accepts the extra fields SillyTavern writes (root V1 copy, entry id/position, null extensions values)", () => {
    const st = {
      ...withBook([entry({ id: 3, comment: "Embers", position: "after_char", use_regex: true, extensions: { position: 1, probability: null, depth: 4, group: "", scan_depth: null } })]),
      name: "Sera Vell",
      description: "root copy",
      chat: "Sera Vell - 2024-5-1",
      create_date: "2024-5-1 @12h 30m",
      fav: false,
    };
    const { scenario, warnings } = mapped(st);
    expect(scenario.lorebook).toEqual([expect.objectContaining({ keys: ["ember"], name: "Embers", case_sensitive: false })]);
    const sensitive = mapped(withBook([entry({ use_regex: true, extensions: { case_sensitive: true } })])).scenario;
    expect(sensitive.lorebook?.[0].case_sensitive).toBe(true); // SillyTavern keeps it in extensions
    expect(warnings).toEqual([]);
  });
});

describe("V3 decorators", () => {
  it("trims decorator lines from the content and honours @@activate, with fallbacks", () => {
    expect(readDecorators("@@depth 4\n@@activate\n\nLore text.")).toEqual({ content: "Lore text.", activate: true, dontActivate: false, ignored: ["depth"] });
    expect(readDecorators("@@risu_only 4\n@@@activate\nText")).toMatchObject({ activate: true, ignored: [] });
    expect(readDecorators("@@dont_activate\nText")).toMatchObject({ dontActivate: true });
    expect(readDecorators("@@dont_activate\n@@activate\nText")).toMatchObject({ activate: true, dontActivate: false });
    expect(readDecorators("Mail me @ the docks.")).toMatchObject({ content: "Mail me @ the docks.", ignored: [] });
  });

  it("maps them: @@activate makes a constant entry, @@dont_activate leaves it out, others warn", () => {
    const { scenario, warnings } = mapped(withBook([entry({ keys: [], content: "@@activate\n@@position after_desc\nAlways." }), entry({ content: "@@dont_activate\nNever." })]));
    expect(scenario.lorebook).toEqual([expect.objectContaining({ constant: true, content: "Always." })]);
    expect(warnings).toEqual([expect.stringContaining("decorators @@position are not supported; ignored")]);
  });
});

describe("macros", () => {
  const names = { char: "Sera", user: "Mara" };
  it("replaces <BOT>/<USER> in any case and V3's <char>", () => {
    expect(substituteMacros("<bot> and <Bot> meet <user>; <CHAR> too", names)).toBe("Sera and Sera meet Mara; Sera too");
    expect(substituteMacros("{{user}} waves", { char: "S", user: "$& $1 $$" })).toBe("$& $1 $$ waves"); // names are text, not replacement patterns
  });

  it("removes comments, reverses, and picks deterministically from the card's own choices", () => {
    expect(substituteMacros("a{{// note}}b{{comment: shown}}c{{hidden_key: k}}d {{reverse:abc}}", names)).toBe("abcd cba");
    const once = substituteMacros("{{random:red,gold\\, bright,blue}} / {{pick::x::y}} / {{roll:d6}}", names);
    expect(substituteMacros("{{random:red,gold\\, bright,blue}} / {{pick::x::y}} / {{roll:d6}}", names)).toBe(once);
    const [color, picked, roll] = once.split(" / ");
    expect(["red", "gold, bright", "blue"]).toContain(color);
    expect(["x", "y"]).toContain(picked);
    expect(Number(roll)).toBeGreaterThanOrEqual(1);
    expect(Number(roll)).toBeLessThanOrEqual(6);
    expect(substituteMacros("{{roll:0}}", names)).toBe("{{roll:0}}");
  });

  it("names {{char}} by the V3 nickname; the cast member keeps the full name", () => {
    const { scenario } = mapped(V3_CARD, "Mara");
    expect(scenario.entities[1]).toMatchObject({ name: "Orrin Ash", background: expect.stringMatching(/^Goes by Ash\.\n\nAsh is a lamp-lighter/) });
    expect(scenario.greetings?.[0]).toBe('Ash lowers her lantern. "Looking for the Gull, Mara?"');
    expect(mapped({ ...V3_CARD, data: { ...V3_CARD.data, nickname: "" } }).scenario.greetings?.[0]).toMatch(/^Orrin Ash lowers/);
  });
});

describe("V3 fields and versions", () => {
  const v3 = (data: Record<string, unknown>) => ({ ...V3_CARD, data: { ...V3_CARD.data, ...data } });

  it("refuses a nickname or group_only_greetings of the wrong type (they shape the story)", () => {
    expect(refusal(v3({ nickname: 7 }))).toMatch(/data\.nickname: must be a string/);
    expect(refusal(v3({ group_only_greetings: "hi" }))).toMatch(/data\.group_only_greetings/);
  });

  it("keeps group-only greetings out of the openings (a session is not a group chat)", () => {
    const { scenario } = mapped(v3({ group_only_greetings: ["Hello, all of you."] }));
    expect(scenario.greetings).toHaveLength(3);
    expect(scenario.metadata).toMatchObject({ card: { group_only_greetings: ["Hello, all of you."] } });
  });

  it("reads dates as Unix seconds and leaves out keep-only fields of the wrong type, with warnings", () => {
    const card = cardFromJson(v3({ creation_date: 1700000000000, modification_date: "1700000001", source: "chub", creator_notes_multilingual: { en: 5 }, assets: [{ type: "icon", uri: "ccdefault:", name: "main", ext: "png" }, { type: "icon" }] }));
    expect(card.data).toMatchObject({ creation_date: 1700000000, modification_date: 1700000001, assets: [{ name: "main" }] });
    expect(card.data).not.toHaveProperty("source");
    expect(card.data).not.toHaveProperty("creator_notes_multilingual");
    expect(card.warnings).toEqual([
      expect.stringMatching(/creation_date looks like milliseconds/),
      expect.stringMatching(/modification_date is a string/),
      expect.stringMatching(/source is not an array of strings; left out/),
      expect.stringMatching(/creator_notes_multilingual is not an object/),
      "1 of the assets lack a string type, uri, name or ext; left out",
    ]);
    expect(cardFromJson(v3({ creation_date: "2024-01-01" })).warnings).toEqual([expect.stringMatching(/creation_date is not a Unix time in seconds/)]);
    expect(mapped(v3({ creation_date: "soon" })).warnings).toContainEqual(expect.stringMatching(/creation_date/));
  });

  it("reads a newer spec_version with a warning, a number as a string, and names a standalone lorebook", () => {
    expect(cardFromJson({ ...V3_CARD, spec_version: "3.1" }).warnings).toEqual([expect.stringMatching(/version 3\.1, newer than the 3\.0/)]);
    expect(cardFromJson({ ...V2_CARD, spec_version: 2 })).toMatchObject({ spec_version: "2" });
    expect(cardFromJson(V2_CARD).warnings).toBeUndefined();
    expect(refusal({ spec: "lorebook_v3", data: { extensions: {}, entries: [] } })).toMatch(/standalone lorebook/);
  });

  it("reads the chunk keyword in any case (the V1 spec writes Chara); ccv3 still wins", () => {
    const base64Of = (card: unknown) => Buffer.from(Buffer.from(JSON.stringify(card)).toString("base64"));
    const v1Style = pngWith([rawChunk("tEXt", "Chara", base64Of(V2_CARD))]);
    expect(parseCardFile(v1Style, "image/png").card.data.name).toBe("Sera Vell");
    const both = pngWith([rawChunk("tEXt", "chara", base64Of(V2_CARD)), rawChunk("tEXt", "CCV3", base64Of(V3_CARD))]);
    expect(parseCardFile(both, "image/png").card.spec).toBe("chara_card_v3");
    expect(parseCardFile(cardPng(V3_CARD, "ccv3"), "image/png").card.data.nickname).toBe("Ash");
    const brokenV3 = pngWith([rawChunk("tEXt", "chara", base64Of(V2_CARD)), rawChunk("tEXt", "ccv3", Buffer.from("%% not base64"))]);
    expect(() => parseCardFile(brokenV3, "image/png")).toThrow(/"ccv3" chunk is not base64/); // no silent fall-back to chara
  });
});

describe("export", () => {
  // A session's story as the export route reads it: the checkpointed scenario and the index row's card book.
  const storyOf = (scenario: ReturnType<typeof mapped>["scenario"], cardBook?: string) => ({
    scenario: { title: scenario.title, lorebook: scenario.lorebook, metadata: scenario.metadata },
    entities: scenario.entities,
    relationships: emptyGraph(),
    turn: 0,
    cardBook,
  });

  it("exports a V3 card's character as V3: its V3 fields kept, modification_date set, entries as the card had them", () => {
    const { scenario: first, cardBook } = mapped(V3_CARD);
    const at = new Date(1_750_000_000_000);
    const out = exportCard(storyOf(first, cardBook), first.entities[1], { sessionId: "s1" }, at) as { spec: string; spec_version: string; data: Record<string, unknown> };
    expect(out).toMatchObject({ spec: "chara_card_v3", spec_version: "3.0" });
    expect(out.data).toMatchObject({ nickname: "Ash", creation_date: 1700000000, modification_date: 1750000000, group_only_greetings: [], assets: [{ name: "main" }] });
    // The regex entry the story never plays goes back as the card wrote it, use_regex included.
    expect((out.data.character_book as { entries: unknown[] }).entries).toEqual(V3_CARD.data.character_book.entries.map((e) => ({ secondary_keys: [], ...e })));
    const second = mapped(out).scenario;
    expect(second.greetings).toEqual(first.greetings);
    expect(second.lorebook).toEqual(first.lorebook);
  });

  it("writes a played entry's title as both name and comment (SillyTavern reads comment); a card's own entry keeps its fields", () => {
    const { scenario, cardBook } = mapped(withBook([entry({ comment: "Embers" })]));
    const forPlayer = exportCard(storyOf(scenario, cardBook), scenario.entities[0], { sessionId: "s1" }) as { data: { character_book: { entries: unknown[] } } };
    expect(forPlayer.data.character_book.entries).toEqual([expect.objectContaining({ name: "Embers", comment: "Embers" })]);
    const forCharacter = exportCard(storyOf(scenario, cardBook), scenario.entities[1], { sessionId: "s1" }) as { data: { character_book: { entries: unknown[] } } };
    expect(forCharacter.data.character_book.entries).toEqual([{ ...entry({ comment: "Embers" }), secondary_keys: [] }]);
  });

  it("writes back the book's settings it does not use (scan_depth, token_budget, recursive_scanning), with or without the kept book", () => {
    const card = { ...V2_CARD, data: { ...V2_CARD.data, character_book: { ...V2_CARD.data.character_book, scan_depth: 3, token_budget: 500, recursive_scanning: false } } };
    const { scenario, cardBook } = mapped(card);
    for (const kept of [cardBook, undefined]) {
      const out = exportCard(storyOf(scenario, kept), scenario.entities[1], { sessionId: "s1" }) as { data: { character_book: Record<string, unknown> } };
      expect(out.data.character_book).toMatchObject({ name: "Vell lore", scan_depth: 3, token_budget: 500, recursive_scanning: false });
    }
  });

  it("falls back to the played entries when the kept copy would pass 512 KiB, or the session holds none or a forged one", () => {
    const longKeys = Array.from({ length: 255 }, (_, i) => `${i}`.padEnd(1000, "k")); // too long to play; kept verbatim
    const big = mapped(withBook([entry({ keys: ["ember", ...longKeys] }), entry({ keys: ["tide", ...longKeys] }), entry({ keys: ["fog", ...longKeys], enabled: false })])); // ~770 KB
    expect(big.warnings).toContainEqual(expect.stringMatching(/the lorebook is larger than 524288 bytes of JSON once read; an export will write only the entries the story plays/));
    expect(big.cardBook).toBeUndefined();
    const played = (scenario: ReturnType<typeof mapped>["scenario"], cardBook?: string) =>
      (exportCard(storyOf(scenario, cardBook), scenario.entities[1], { sessionId: "s1" }) as { data: { character_book: { entries: Array<{ keys: string[] }> } } }).data.character_book.entries.map((e) => e.keys[0]);
    expect(played(big.scenario)).toEqual(["ember", "tide"]);

    const { scenario, cardBook } = mapped(withBook([entry({ keys: ["ember"] }), entry({ keys: ["fog"], enabled: false })]));
    expect(played(scenario, cardBook)).toEqual(["ember", "fog"]);
    expect(played(scenario)).toEqual(["ember"]); // a session without a kept book (older, or from a saved scenario)
    const book = JSON.parse(cardBook!) as Record<string, unknown>;
    const tooBig = JSON.stringify({ ...book, padding: "x".repeat(600_000) });
    for (const forged of ["{not json", tooBig, JSON.stringify({ ...book, entries: undefined }), JSON.stringify({ ...book, played: ["not a digest"] }), JSON.stringify({ ...book, entries: [{ keys: "ember", content: 5 }] })]) {
      expect(played(scenario, forged)).toEqual(["ember"]);
    }
  });

  it("writes an entry changed in the scenario after the import beside the card's own (nothing is dropped)", () => {
    const { scenario, cardBook } = mapped(withBook([entry({ id: 4, keys: ["ember"] })]));
    const changed = { ...scenario, lorebook: [{ ...scenario.lorebook![0], content: "Ember-stones smoke after all." }] };
    const out = exportCard(storyOf(changed, cardBook), scenario.entities[1], { sessionId: "s1" }) as { data: { character_book: { entries: Array<{ id: number; content: string }> } } };
    expect(out.data.character_book.entries.map((e) => [e.id, e.content])).toEqual([[4, "Ember-stones burn without smoke."], [5, "Ember-stones smoke after all."]]);
  });
});
