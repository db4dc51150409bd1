import extractChunks from "png-chunks-extract";
import { CardError } from "./schema.ts";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chunk keywords that carry a card: `ccv3` (V3, preferred) and `chara` (V2). */
export const CARD_KEYWORDS = ["ccv3", "chara"] as const;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.equals(Buffer.from(bytes.buffer, bytes.byteOffset, 8));
}

/**
 * Walks the chunk lengths before anything reads a chunk, so a length that points past the end of
 * the file is reported as truncation (the chunk reader would otherwise allocate up to 4 GB and
 * read zeros).
 */
function checkChunkBounds(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw new CardError(`the PNG is truncated: a chunk header at byte ${at} is cut off`);
    const length = view.getUint32(at);
    const name = Buffer.from(bytes.subarray(at + 4, at + 8)).toString("latin1");
    if (name === "IEND") return;
    if (at + 12 + length > bytes.length) throw new CardError(`the PNG is truncated: chunk ${JSON.stringify(name)} at byte ${at} declares ${length} bytes, the file ends first`);
    at += 12 + length;
  }
  throw new CardError("the PNG is truncated: it has no IEND chunk");
}

/** Splits a text chunk's `keyword NUL rest`; undefined without a NUL in the first 80 bytes. */
function splitKeyword(data: Uint8Array): { keyword: string; rest: Uint8Array } | undefined {
  const nul = data.subarray(0, 80).indexOf(0);
  if (nul < 1) return undefined;
  return { keyword: Buffer.from(data.subarray(0, nul)).toString("latin1"), rest: data.subarray(nul + 1) };
}

/**
 * The card text of a PNG: the base64 in its `ccv3` tEXt chunk, else its `chara` one. Every problem
 * is a CardError that says what is wrong (not a PNG, truncated, bad CRC, zTXt/iTXt, no card).
 */
export function cardTextFromPng(bytes: Uint8Array): { keyword: (typeof CARD_KEYWORDS)[number]; base64: string } {
  if (!isPng(bytes)) throw new CardError("the file is not a PNG (its first 8 bytes are not the PNG signature)");
  checkChunkBounds(bytes);
  let chunks: Array<{ name: string; data: Uint8Array }>;
  try {
    chunks = extractChunks(bytes);
  } catch (error) {
    // png-chunks-extract checks every chunk's CRC-32 and that IHDR comes first.
    throw new CardError(`the PNG is damaged: ${(error as Error).message}`);
  }
  const found = new Map<string, string>();
  const compressed: string[] = [];
  for (const chunk of chunks) {
    if (chunk.name !== "tEXt" && chunk.name !== "zTXt" && chunk.name !== "iTXt") continue;
    const split = splitKeyword(chunk.data);
    // The V1 spec spells it "Chara"; writers use "chara". Keywords are read in any case, first one wins.
    const keyword = split?.keyword.toLowerCase();
    if (!split || !keyword || !(CARD_KEYWORDS as readonly string[]).includes(keyword)) continue;
    if (chunk.name !== "tEXt") compressed.push(`${split.keyword} in ${chunk.name}`);
    else if (!found.has(keyword)) found.set(keyword, Buffer.from(split.rest).toString("latin1"));
  }
  for (const keyword of CARD_KEYWORDS) {
    const base64 = found.get(keyword);
    if (base64 !== undefined) return { keyword, base64 };
  }
  if (compressed.length > 0)
    throw new CardError(`the card is in a compressed or international text chunk (${compressed.join(", ")}); cards are read from tEXt chunks only`);
  throw new CardError("the PNG holds no character card: no tEXt chunk with the keyword \"chara\" or \"ccv3\"");
}

/** Strict base64 → UTF-8 text (Buffer.from alone skips bad characters silently). */
export function decodeBase64Text(base64: string, what: string, maxBytes: number): string {
  const compact = base64.replace(/\s+/g, "");
  if (compact.length === 0) throw new CardError(`${what} is empty`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1)
    throw new CardError(`${what} is not base64`);
  if (Math.floor((compact.length * 3) / 4) > maxBytes + 2) throw new CardError(`${what} is larger than ${maxBytes} bytes once decoded`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(compact, "base64"));
  } catch {
    throw new CardError(`${what} does not decode to UTF-8 text`);
  }
}
