import { compileLexicon, type CueEntry, SKIP, SLOT, type TrieNode } from "./cueGraph.ts";
import type { Token } from "./text.ts";
import { DETERMINERS } from "./wordsets.ts";

/** Finding cues in a clause: leftmost-longest matches against the compiled cue graph (cueGraph.ts). */

/** A cue found in a clause: token range [start, end) and the object slot, if any. */
export interface CueMatch {
  entry: CueEntry;
  /** Every reading of the same words ("rival" the verb and "rival" the noun), best first. */
  readings: CueEntry[];
  start: number;
  end: number;
  slot?: { start: number; end: number };
}

const MAX_SLOT = 8;

// Built on first use so importing this module stays cheap. Shared suffixes keep it small: ~5,400
// nodes stand for ~660k cue forms (cues.test.ts caps the node count).
let trie: TrieNode | undefined;

const PHRASE_END = new Set("about and or but now since these nowadays anymore whenever when because though without even first from of she he they i".split(" "));
/** The end of a clause, a punctuation mark or a word that starts an adjunct: "tells Quill everything | about…". */
const phraseEnd = (tokens: readonly Token[], pos: number, limit: number): boolean => pos >= limit || tokens[pos].punct || PHRASE_END.has(tokens[pos].norm);

const CLAUSE_OPENERS = new Set(["and", "but", "or", "i", "she", "he", "they", "we"]);

const SLOT_COORDINATORS = new Set(["and", "but", "or"]);

/**
 * What a slot may not contain: a stop outside a name ("Dr. Hale" keeps its "."), a comma before "and" / a
 * subject, or a conjunction before a verb ("afraid of the Captain and suspects Corvin of lying": a second predicate).
 */
function opensClause(tokens: readonly Token[], k: number, blocked: readonly boolean[]): boolean {
  const t = tokens[k];
  const next = tokens[k + 1];
  if (SLOT_COORDINATORS.has(t.norm) && next && !next.punct && !next.cap && !blocked[k + 1] && !DETERMINERS.has(next.norm)) return true;
  if (!t.punct || blocked[k]) return false;
  return t.text !== "," || CLAUSE_OPENERS.has(tokens[k + 1]?.norm ?? "");
}

/** Longest cue starting at token i (within [i, limit)), skipping readings that overlap a name. */
function longestAt(tokens: readonly Token[], i: number, limit: number, blocked: readonly boolean[]): CueMatch | undefined {
  let best: CueMatch | undefined;
  const walk = (node: TrieNode, pos: number, slot: CueMatch["slot"]): void => {
    // "holds Mirren in high regard and Tomas in contempt": a cue whose slot would swallow a whole earlier match does not replace it.
    const swallows = best?.slot !== undefined && slot !== undefined && slot.start === best.slot.start && slot.end >= best.end;
    if (node.entries.length > 0 && pos > i && (!best || pos > best.end) && !swallows) {
      const entries = node.entries.some((e) => e.final) && !phraseEnd(tokens, pos, limit) ? node.entries.filter((e) => !e.final) : node.entries;
      if (entries.length > 0) best = { entry: entries[0], readings: entries, start: i, end: pos, slot };
    }
    if (pos >= limit) return;
    const child = blocked[pos] ? undefined : node.next.get(tokens[pos].norm);
    if (child) walk(child, pos + 1, slot);
    const skipNode = node.next.get(SKIP);
    if (skipNode) {
      for (let len = 0; len <= 2 && pos + len <= limit; len++) {
        if (len > 0 && (blocked[pos + len - 1] || tokens[pos + len - 1].punct)) break;
        walk(skipNode, pos + len, slot);
      }
    }
    // A slot opens on a word: "said, passing Hale the smuggled quinine" has no object after "said";
    // and not on "to": "have sworn to find the thief who robbed …" has an infinitive there, no object.
    const slotNode = slot || tokens[pos].punct || tokens[pos].norm === "to" ? undefined : node.next.get(SLOT);
    if (slotNode) {
      // ("trust her no longer, and I hate her with …": a slot never runs into a new clause.)
      for (let len = 1; len <= MAX_SLOT && pos + len <= limit && !opensClause(tokens, pos + len - 1, blocked); len++) walk(slotNode, pos + len, { start: pos, end: pos + len });
    }
  };
  walk((trie ??= compileLexicon()), i, undefined);
  return best;
}

/**
 * Leftmost-longest cue matches in tokens [start, end). `blocked[i]` marks tokens that belong to
 * a name: a cue may not use them, except inside its object slot.
 */
export function findCues(tokens: readonly Token[], start: number, end: number, blocked: readonly boolean[]): CueMatch[] {
  const out: CueMatch[] = [];
  let i = start;
  while (i < end) {
    const m = tokens[i].punct || blocked[i] ? undefined : longestAt(tokens, i, end, blocked);
    if (m) {
      out.push(m);
      i = m.end;
    } else i++;
  }
  return out;
}

/**
 * "suspects her brother Tomas of lying": a kinship noun inside a cue's object slot is a cue of its own,
 * read after the cue that holds it (the slot hid it from the leftmost-longest scan).
 */
export function withKinInSlots(tokens: readonly Token[], cues: readonly CueMatch[], blocked: readonly boolean[]): CueMatch[] {
  return cues.flatMap((c) => (c.slot ? [c, ...findCues(tokens, c.slot.start, c.slot.end, blocked).filter((k) => k.entry.kind === "noun" && k.entry.type === "family")] : [c]));
}
