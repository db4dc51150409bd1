import { describe, expect, it } from "vitest";
import { countTokens as libraryCount } from "gpt-tokenizer/encoding/o200k_base";
import { mulberry32 } from "./seededRandom.ts";
import { countTokens, MAX_PIECE_CHARS } from "./tokens.ts";

// o200k_base counts of these strings, as js-tiktoken 1.0.21 (the previous counter) gave them.
const KNOWN: [string, number][] = [
  ["hello world", 2],
  ["Ann trusts Bo.", 4],
  ["Le café, c'est très bon! 123456", 11],
  ["東京は大きい都市です。", 8],
  ["😀😀 hi", 3],
  ["  spaces   here\n\n", 5],
  ["emoji 👨‍👩‍👧 family", 10],
  ["مرحبا بالعالم", 4],
  ["Привет мир", 3],
  ["水".repeat(40), 40],
  ["", 0],
];

const ALPHABETS = ["abcdefghij KLMNOP", "水火木金土日月", "😀🎉👍🏽", "абвгд", "مرحبا", " \n\t", ".,;!?'\"-", "0123456789", "éüßç"];

/** A seeded multi-script string whose words stay short (no pre-tokenized piece over the cap). */
function randomText(random: () => number, length: number): string {
  let out = "";
  while (out.length < length) {
    const alphabet = [...ALPHABETS[Math.floor(random() * ALPHABETS.length)]];
    const run = 1 + Math.floor(random() * 12);
    for (let i = 0; i < run; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    if (random() < 0.5) out += " ";
  }
  return out;
}

describe("countTokens", () => {
  it.each(KNOWN)("counts %j as o200k_base does", (text, expected) => {
    expect(countTokens(text)).toBe(expected);
  });

  it("is exact on ordinary multi-script text (no piece over the cap)", () => {
    const random = mulberry32(11);
    for (let i = 0; i < 300; i++) {
      const text = randomText(random, 10 + Math.floor(random() * 400));
      expect(countTokens(text), JSON.stringify(text)).toBe(libraryCount(text));
    }
  });

  it("counts long unbroken runs slice by slice, never cutting a surrogate pair", () => {
    const bySlices = (piece: string, size: number) => {
      let n = 0;
      for (let i = 0; i < piece.length; i += size) n += libraryCount(piece.slice(i, i + size));
      return n;
    };
    expect(countTokens("水".repeat(2000))).toBe(2000);
    // 1,000 emoji = 2,000 UTF-16 units: slices of 32 whole emoji (64 units).
    expect(countTokens("😀".repeat(1000))).toBe(bySlices("😀".repeat(1000), MAX_PIECE_CHARS));
    // The text around a long piece is counted as usual; the piece (" " + 200 × "a") by slices.
    const long = " " + "a".repeat(200);
    expect(countTokens("before" + long + " after")).toBe(libraryCount("before") + bySlices(long, MAX_PIECE_CHARS) + libraryCount(" after"));
    // An odd cut would split a pair: the slice takes the whole character instead.
    // " " + 100 emoji: unit 64 is a high surrogate, so the first slice takes 65 units.
    expect(countTokens(" " + "😀".repeat(100))).toBe(libraryCount(" " + "😀".repeat(32)) + bySlices("😀".repeat(68), MAX_PIECE_CHARS));
  });
});
