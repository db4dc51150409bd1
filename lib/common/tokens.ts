import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { O200K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";

/**
 * Longest pre-tokenized piece counted whole. Byte-pair merging is superlinear in the length of one
 * piece (20,000 unbroken emoji take seconds in every exact library), so longer pieces are cut into
 * runs of this many characters: linear time on any text, exact unless one piece is longer.
 */
export const MAX_PIECE_CHARS = 64;

/**
 * o200k_base token count from gpt-tokenizer's bundled ranks: no network, same counts on every
 * machine, linear time in the length of `text` whatever its script.
 */
export function countTokens(text: string): number {
  let total = 0;
  let segmentStart = 0;
  // Text between long pieces is counted in one call (exactly as the library would); each long
  // piece is counted in MAX_PIECE_CHARS-sized slices.
  for (const match of text.matchAll(O200K_TOKEN_SPLIT_REGEX)) {
    const piece = match[0];
    if (piece.length <= MAX_PIECE_CHARS) continue;
    const start = match.index;
    if (start > segmentStart) total += countO200k(text.slice(segmentStart, start));
    for (let i = 0; i < piece.length; ) {
      const end = sliceEnd(piece, i + MAX_PIECE_CHARS);
      total += countO200k(piece.slice(i, end));
      i = end;
    }
    segmentStart = start + piece.length;
  }
  if (segmentStart < text.length) total += countO200k(segmentStart === 0 ? text : text.slice(segmentStart));
  return total;
}

/** `end`, moved past a high surrogate so a slice never cuts a character in half. */
function sliceEnd(text: string, end: number): number {
  if (end >= text.length) return text.length;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end + 1 : end;
}
