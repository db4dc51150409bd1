import type { Token } from "./text.ts";
import { isQuote } from "./wordSenses.ts";

/**
 * Who speaks a quotation and to whom: `"I trust you, Brother," Tomas told Mirren` → Tomas speaks,
 * Mirren is addressed. Inside the quotation "I / me / my" is the speaker (not the memory's owner)
 * and "you" the person addressed. Read from a speech tag right after the closing quote ("Tomas
 * told Mirren", "said Tomas", "Tomas said to Mirren") or right before the opening one ("Tomas told
 * Mirren: “…”"), and from a vocative name inside it (", Mirren,").
 */
export interface Voice {
  speaker?: string;
  addressee?: string;
}

const SPEECH = new Set(
  ("said says say told tells tell asked asks replied replies answered answers whispered whispers snapped muttered admitted admits " +
    "confessed confesses promised promises swore swears insisted insists shouted warned warns added adds declared declares murmured").split(" "),
);

/** Token index → the voice of the quotation it sits in (undefined outside quotations or when no one is named). */
export function quotationVoices(tokens: readonly Token[], named: (i: number) => string | undefined, owner?: string): (i: number) => Voice | undefined {
  const spans: Array<{ open: number; close: number }> = [];
  let open = -1;
  tokens.forEach((t, i) => {
    if (!isQuote(t)) return;
    const opening = t.text === "“" || (t.text === '"' && open < 0);
    if (opening && open < 0) open = i;
    else if (!opening || t.text === '"') {
      if (open >= 0) spans.push({ open, close: i });
      open = -1;
    }
  });
  if (spans.length === 0) return () => undefined;
  // One lookup per token, so a text full of quotation marks stays linear.
  const spanAt = new Int32Array(tokens.length).fill(-1);
  spans.forEach((s, k) => spanAt.fill(k, s.open, s.close + 1));
  // Outside quotations "I" is the memory's owner: "“…,” I told Hale".
  const speakerAt = (i: number): string | undefined => named(i) ?? (owner !== undefined && spanAt[i] < 0 && tokens[i]?.norm === "i" ? owner : undefined);
  const voices = spans.map((s) => voiceOf(tokens, speakerAt, s.open, s.close));
  // '"…," I told Mirren. "I'm afraid of you."': an untagged quotation right after a tagged one goes on in its voice.
  for (let k = 1; k < spans.length; k++) {
    const prev = voices[k - 1];
    if (prev?.speaker !== undefined && (voices[k] === undefined || voices[k]?.speaker === undefined) && spans[k].open - spans[k - 1].close <= 8) {
      voices[k] = { speaker: prev.speaker, addressee: voices[k]?.addressee ?? prev.addressee };
    }
  }
  return (i) => (spanAt[i] >= 0 && i > spans[spanAt[i]].open && i < spans[spanAt[i]].close ? voices[spanAt[i]] : undefined);
}

/** The name starting at i (one id for a multi-word name) and the index after it, or undefined. */
function nameAt(named: (i: number) => string | undefined, i: number, end: number): { id: string; next: number } | undefined {
  const id = i < end ? named(i) : undefined;
  if (id === undefined) return undefined;
  let next = i + 1;
  while (next < end && named(next) === id) next++;
  return { id, next };
}

/** "Tomas told Mirren", "said Tomas", "Tomas said to Mirren", from i on; `end`: the index after the tag. */
function speechTag(tokens: readonly Token[], named: (i: number) => string | undefined, i: number, limit: number): (Voice & { end: number }) | undefined {
  const first = nameAt(named, i, limit);
  if (first && SPEECH.has(tokens[first.next]?.norm ?? "")) {
    let j = first.next + 1;
    if (tokens[j]?.norm === "to") j++;
    const addressee = nameAt(named, j, limit);
    return { speaker: first.id, addressee: addressee?.id, end: addressee ? addressee.next : first.next + 1 };
  }
  if (SPEECH.has(tokens[i]?.norm ?? "")) {
    const speaker = nameAt(named, i + 1, limit);
    if (speaker) return { speaker: speaker.id, end: speaker.next };
  }
  return undefined;
}

/** "— Quill, to me": a name standing alone after a dash, with an optional "to NAME / to me". */
function dashTag(tokens: readonly Token[], named: (i: number) => string | undefined, i: number): Voice | undefined {
  if (tokens[i - 1]?.text !== "—" && tokens[i - 1]?.text !== "–") return undefined;
  const speaker = nameAt(named, i, tokens.length);
  if (!speaker) return undefined;
  let j = speaker.next;
  if (tokens[j]?.text === ",") j++;
  const addressee = tokens[j]?.norm === "to" ? nameAt(named, j + 1, tokens.length) : undefined;
  return { speaker: speaker.id, addressee: addressee?.id };
}

function voiceOf(tokens: readonly Token[], named: (i: number) => string | undefined, open: number, close: number): Voice | undefined {
  let after = close + 1;
  if (tokens[after]?.text === ",") after++;
  // '"…" — Quill, to me': a dash and a name after the quotation.
  if (tokens[after]?.text === "—" || tokens[after]?.text === "–") after++;
  let voice: Voice | undefined = speechTag(tokens, named, after, Math.min(tokens.length, after + 6)) ?? dashTag(tokens, named, after);
  if (!voice) {
    // "Tomas told Mirren: “…”": a tag that ends right before the quotation.
    const end = tokens[open - 1]?.text === "," || tokens[open - 1]?.text === ":" ? open - 1 : open;
    for (let i = Math.max(0, end - 5); i < end && !voice; i++) {
      const tag = speechTag(tokens, named, i, end);
      if (tag?.end === end) voice = { speaker: tag.speaker, addressee: tag.addressee };
    }
  }
  // A vocative inside the quotation: ", Mirren," / "Mirren," at its start / ", Mirren." at its end.
  for (let i = open + 1; i < close && voice?.addressee === undefined; i++) {
    const name = nameAt(named, i, close);
    if (!name) continue;
    const before = tokens[i - 1];
    const next = tokens[name.next];
    const vocative = (before.text === "," || i === open + 1) && (next === undefined || next.punct);
    if (vocative && name.id !== voice?.speaker) voice = { ...voice, addressee: name.id };
    i = name.next - 1;
  }
  return voice;
}
