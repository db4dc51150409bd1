import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { cardPng, pngWith, rawChunk, V1_CARD, V2_CARD, V3_CARD } from "../dev/testing/cards.ts";
import { cardFromJson, parseCardFile } from "./parse.ts";
import { CARD_LIMITS, CardError } from "./schema.ts";

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const reason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CardError);
    return [(error as CardError).message, ...(error as CardError).details].join(" | ");
  }
  throw new Error("expected a CardError");
};

describe("card files", () => {
  it("reads V1 (root fields), V2 (data) and V3 JSON", () => {
    expect(parseCardFile(json(V1_CARD), "application/json").card).toMatchObject({ spec: "chara_card_v1", data: { name: "Captain Ilse", personality: "gruff, loyal" } });
    const v2 = parseCardFile(json(V2_CARD), "application/json").card;
    expect(v2).toMatchObject({ spec: "chara_card_v2", spec_version: "2.0", data: { name: "Sera Vell", tags: ["mystery", "harbour"] } });
    expect(v2.data.character_book?.entries).toHaveLength(5);
    const v3 = parseCardFile(json(V3_CARD), "application/json").card;
    expect(v3).toMatchObject({ spec: "chara_card_v3", data: { name: "Orrin Ash", nickname: "Ash" } });
  });

  it("reads a PNG with the card in a tEXt chunk: chara (V2) and ccv3 (V3, preferred)", () => {
    const v2 = parseCardFile(cardPng(V2_CARD, "chara"), "image/png");
    expect(v2).toMatchObject({ format: "png", card: { spec: "chara_card_v2", data: { name: "Sera Vell" } } });
    const both = pngWith([
      { name: "tEXt", data: new Uint8Array(Buffer.from(`chara\0${Buffer.from(JSON.stringify(V2_CARD)).toString("base64")}`, "latin1")) },
      { name: "tEXt", data: new Uint8Array(Buffer.from(`ccv3\0${Buffer.from(JSON.stringify(V3_CARD)).toString("base64")}`, "latin1")) },
    ]);
    expect(parseCardFile(both, "image/png").card.data.name).toBe("Orrin Ash");
    // UTF-8 inside the base64 survives.
    const accented = { ...V2_CARD, data: { ...V2_CARD.data, name: "Élise Moreau 水" } };
    expect(parseCardFile(cardPng(accented), "image/png").card.data.name).toBe("Élise Moreau 水");
  });

  it("refuses every malformed PNG with its reason", () => {
    const good = cardPng(V2_CARD);
    expect(reason(() => parseCardFile(json(V2_CARD), "image/png"))).toMatch(/not a PNG/);
    expect(reason(() => parseCardFile(good.subarray(0, 60), "image/png"))).toMatch(/truncated/);
    const badCrc = Buffer.from(good);
    badCrc[40] ^= 0xff; // a byte inside the tEXt chunk's data: its CRC no longer matches
    expect(reason(() => parseCardFile(badCrc, "image/png"))).toMatch(/CRC/);
    const ztxt = pngWith([rawChunk("zTXt", "chara", Buffer.concat([Buffer.from([0]), deflateSync(Buffer.from(JSON.stringify(V2_CARD)).toString("base64"))]))]);
    expect(reason(() => parseCardFile(ztxt, "image/png"))).toMatch(/zTXt.*tEXt chunks only/);
    expect(reason(() => parseCardFile(pngWith([]), "image/png"))).toMatch(/no character card.*chara/);
    const notBase64 = pngWith([rawChunk("tEXt", "chara", Buffer.from("this is {not} base64!"))]);
    expect(reason(() => parseCardFile(notBase64, "image/png"))).toMatch(/"chara" chunk is not base64/);
    const notJson = pngWith([rawChunk("tEXt", "chara", Buffer.from(Buffer.from("hello").toString("base64")))]);
    expect(reason(() => parseCardFile(notJson, "image/png"))).toMatch(/not valid JSON/);
  });

  it("refuses JSON that is not a card, with the reason", () => {
    expect(reason(() => parseCardFile(Buffer.from("{nope"), "application/json"))).toMatch(/not valid JSON/);
    expect(reason(() => cardFromJson([1, 2]))).toMatch(/not an object/);
    expect(reason(() => cardFromJson({ title: "A scenario" }))).toMatch(/not a character card/);
    expect(reason(() => cardFromJson({ spec: "chara_card_v9", data: {} }))).toMatch(/unsupported card spec/);
    expect(reason(() => cardFromJson({ spec: "chara_card_v2" }))).toMatch(/needs a "data" object/);
    expect(reason(() => cardFromJson({ spec: "chara_card_v2", data: { name: 5 } }))).toMatch(/data\.name/);
    expect(reason(() => cardFromJson({ spec: "chara_card_v2", data: { name: "A", tags: "x" } }))).toMatch(/data\.tags/);
    let deep: unknown = {};
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(reason(() => cardFromJson({ ...V2_CARD, data: { ...V2_CARD.data, extensions: deep } }))).toMatch(/nests deeper/);
  });

  it("refuses oversized cards and lorebooks with the documented limits", () => {
    const huge = { ...V2_CARD, data: { ...V2_CARD.data, description: "x".repeat(CARD_LIMITS.jsonBytes) } };
    expect(reason(() => parseCardFile(json(huge), "application/json"))).toMatch(/larger than 524288 bytes/);
    expect(reason(() => parseCardFile(cardPng(huge), "image/png"))).toMatch(/larger than 524288 bytes/);
    const longField = { ...V2_CARD, data: { ...V2_CARD.data, personality: "x".repeat(CARD_LIMITS.fieldChars + 1) } };
    expect(reason(() => cardFromJson(longField))).toMatch(/data\.personality: longer than 32000/);
    const entry = { keys: ["k"], content: "c", extensions: {}, enabled: true, insertion_order: 1 };
    const manyEntries = { ...V2_CARD, data: { ...V2_CARD.data, character_book: { extensions: {}, entries: Array.from({ length: 257 }, () => entry) } } };
    expect(reason(() => cardFromJson(manyEntries))).toMatch(/at most 256 entries/);
    const bigBook = { ...V2_CARD, data: { ...V2_CARD.data, character_book: { extensions: {}, entries: Array.from({ length: 30 }, () => ({ ...entry, content: "y".repeat(8000) })) } } };
    expect(reason(() => cardFromJson(bigBook))).toMatch(/lorebook content totals 240000 characters/);
  });
});
