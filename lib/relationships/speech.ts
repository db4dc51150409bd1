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
    "confessed confesses promised promises swore swears insisted insists shouted warned warns added adds declared declares murmured " +
    "wrote writes spat hissed snarled growled laughed teased cried sighed joked purred barked pleaded begged grumbled conceded " +
    "announced explained observed remarked noted retorted countered protested breathed called cracked quipped drawled scoffed sneered " +
    "chuckled grunted groaned mumbled yelled shrugged smirked").split(" "),
);

/** Speech verbs whose object is the one spoken to, never the speaker. */
const ADDRESSING = new Set(["told", "tells", "tell"]);

/** Token index → the voice of the quotation it sits in (undefined outside quotations or when no one is named). */
export function quotationVoices(tokens: readonly Token[], named: (i: number) => string | undefined, owner?: string, namedOrOwning: (i: number) => string | undefined = named): (i: number) => Voice | undefined {
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
  // "Dear Tomas, I write this by candlelight …": a letter's salutation names who "you" is outside quotations.
  const letter = salutation(tokens, named, owner) ?? (spans.length === 0 ? noteTo(tokens, namedOrOwning, owner) ?? vocative(tokens, named, owner) : undefined);
  if (spans.length === 0) return () => letter;
  // One lookup per token, so a text full of quotation marks stays linear.
  const spanAt = new Int32Array(tokens.length).fill(-1);
  spans.forEach((s, k) => spanAt.fill(k, s.open, s.close + 1));
  // Outside quotations "I" and "me" are the memory's owner: "“…,” I told Hale", "“…,” Hale told me".
  const speakerAt = (i: number): string | undefined => named(i) ?? (owner !== undefined && spanAt[i] < 0 && (tokens[i]?.norm === "i" || tokens[i]?.norm === "me") ? owner : undefined);
  const voices = spans.map((s) => voiceOf(tokens, speakerAt, s.open, s.close));
  // '"…," I told Mirren. "I'm afraid of you."' and '"Quill," Hale said, "I trust you."': a quotation
  // right after another by the same voice (or by no one named) goes on in it, addressee included,
  // when nobody else is named between them.
  const sameScene = (k: number): boolean => {
    const prev = voices[k - 1];
    if (prev?.speaker === undefined || spans[k].open - spans[k - 1].close > MAX_SCENE_GAP) return false;
    if (voices[k]?.speaker !== undefined && voices[k]?.speaker !== prev.speaker) return false;
    for (let i = spans[k - 1].close + 1; i < spans[k].open; i++) {
      const id = speakerAt(i);
      if (id !== undefined && id !== prev.speaker && id !== prev.addressee) return false;
    }
    return true;
  };
  for (let k = 1; k < spans.length; k++) {
    if (!sameScene(k)) continue;
    const prev = voices[k - 1] as Voice;
    voices[k] = { speaker: prev.speaker, addressee: voices[k]?.addressee ?? prev.addressee };
    // '"I trust you," Hale said, "Quill."': the vocative may come in the later part.
    const addressee = voices[k]?.addressee;
    if (addressee === undefined) continue;
    for (let b = k - 1; b >= 0 && voices[b]?.addressee === undefined && (b === k - 1 || sameScene(b + 1)); b--) voices[b] = { ...voices[b], addressee };
  }
  return (i) => (spanAt[i] >= 0 && i > spans[spanAt[i]].open && i < spans[spanAt[i]].close ? voices[spanAt[i]] : spanAt[i] < 0 ? letter : undefined);
}

const DEAR = new Set(["dear", "dearest", "beloved"]);

/** "Dear Tomas," / "My dear Corvin," / "Dearest Ada —" opening the memory: the owner writes to that person. */
function salutation(tokens: readonly Token[], named: (i: number) => string | undefined, owner?: string): Voice | undefined {
  if (owner === undefined) return undefined;
  let i = tokens[0]?.norm === "my" ? 1 : 0;
  if (!DEAR.has(tokens[i]?.norm ?? "")) return undefined;
  const name = nameAt(named, i + 1, tokens.length);
  if (!name || name.id === owner || !tokens[name.next]?.punct) return undefined;
  return { speaker: owner, addressee: name.id };
}

const NOTE_WORDS = new Set(["note", "letter", "message", "pinned", "slipped", "scrawled", "nailed", "left", "written", "sent", "card", "notice"]);

/** "Note slipped under Tomas's door: I despise you …", "Letter to Hale: …": a heading before ":" names whom "you" is (possessors count). */
function noteTo(tokens: readonly Token[], named: (i: number) => string | undefined, owner?: string): Voice | undefined {
  const colon = tokens.findIndex((t) => t.text === ":");
  if (owner === undefined || colon < 0 || colon > 10 || !tokens.slice(0, colon).some((t) => NOTE_WORDS.has(t.norm))) return undefined;
  const ids = new Set(tokens.slice(0, colon).map((_, i) => named(i)).filter((id): id is string => id !== undefined && id !== owner));
  return ids.size === 1 && tokens.slice(colon).some((t) => t.norm === "you") ? { speaker: owner, addressee: [...ids][0] } : undefined;
}

/** "I know what you did at the weir, Brannock, and I will ruin you": a name set off by commas, spoken to. */
function vocative(tokens: readonly Token[], named: (i: number) => string | undefined, owner?: string): Voice | undefined {
  // (Single quotation marks are dialogue too, whose "you" this does not decide.)
  if (owner === undefined || !tokens.some((t) => t.norm === "you") || tokens.some((t) => t.text === "'")) return undefined;
  for (let i = 1; i < tokens.length; i++) {
    // ("Odile, Pax, and the miller": a list, not an address.)
    if (tokens[i - 1].text !== "," || tokens[i - 2]?.norm === "and" || named(i - 2) !== undefined) continue;
    const name = nameAt(named, i, tokens.length);
    if (!name || name.id === owner || tokens[name.next - 1]?.possessive) continue;
    const after = tokens[name.next];
    if (after !== undefined && (after.text === "," || after.text === "." || after.text === "!") && named(name.next + 1) === undefined) return { speaker: owner, addressee: name.id };
  }
  return undefined;
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
    let j = afterManner(tokens, first.next + 1);
    const verbEnd = j;
    if (tokens[j]?.norm === "to") j++;
    const addressee = nameAt(named, j, limit);
    return { speaker: first.id, addressee: addressee?.id, end: addressee ? addressee.next : verbEnd };
  }
  // "said Tomas" names the speaker, but "told Tomas" the one spoken to, and "Ada told Tomas" is read from "Ada".
  if (SPEECH.has(tokens[i]?.norm ?? "") && !ADDRESSING.has(tokens[i].norm) && named(i - 1) === undefined) {
    const speaker = nameAt(named, i + 1, limit);
    if (speaker) return { speaker: speaker.id, end: afterManner(tokens, speaker.next) };
  }
  return undefined;
}

/** "said flatly", "whispered softly": the manner adverbs after a speech verb belong to the tag. */
function afterManner(tokens: readonly Token[], j: number): number {
  while (j < tokens.length && /^[a-z]{3,}ly$/.test(tokens[j].norm) && tokens[j].norm !== "only") j++;
  return j;
}

/** How far apart (in tokens) two quotations may be and still be one speaker's: a tag and a short gesture. */
const MAX_SCENE_GAP = 20;
const SENTENCE_STOPS = new Set([".", "!", "?", ";"]);

/**
 * "Tomas told Mirren: “…”", "Hale said after the assault, wiping his hands, “…”", "Tomas bowed to
 * Corvin and said, “…”": the last speech tag of the sentence before the quotation, when nobody else
 * is named between the tag and the quotation.
 */
function tagBefore(tokens: readonly Token[], named: (i: number) => string | undefined, open: number): Voice | undefined {
  let andSaid = -1;
  let start = Math.max(0, open - MAX_SCENE_GAP);
  for (let i = open - 1; i >= start; i--) {
    const t = tokens[i];
    if (isQuote(t) || (t.punct && SENTENCE_STOPS.has(t.text) && named(i) === undefined)) {
      start = i + 1;
      break;
    }
    const tag = speechTag(tokens, named, i, open);
    if (tag) return onlyTheyBetween(named, tag.end, open, tag) ? { speaker: tag.speaker, addressee: tag.addressee } : undefined;
    if (andSaid < 0 && SPEECH.has(t.norm) && tokens[i - 1]?.norm === "and") andSaid = i;
  }
  // "Tomas bowed stiffly to Lady Corvin and said, …": the sentence's opening name speaks; "to NAME" hears.
  const subject = andSaid >= 0 ? nameAt(named, start, andSaid) : undefined;
  if (!subject) return undefined;
  let addressee: string | undefined;
  for (let i = subject.next; i < andSaid && !addressee; i++) if (tokens[i].norm === "to") addressee = nameAt(named, i + 1, andSaid)?.id;
  const voice = { speaker: subject.id, addressee };
  return onlyTheyBetween(named, subject.next, open, voice) ? voice : undefined;
}

function onlyTheyBetween(named: (i: number) => string | undefined, from: number, to: number, voice: Voice): boolean {
  for (let i = from; i < to; i++) {
    const id = named(i);
    if (id !== undefined && id !== voice.speaker && id !== voice.addressee) return false;
  }
  return true;
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
  voice ??= tagBefore(tokens, named, open);
  // '"You are my friend, Hale," she said': a pronoun's tag; the speaker is the last person named before the quotation.
  const pronounTag = voice === undefined && (tokens[after]?.norm === "she" || tokens[after]?.norm === "he") && SPEECH.has(tokens[after + 1]?.norm ?? "");
  // A vocative inside the quotation: ", Mirren," / "Mirren," at its start / ", Mirren." at its end.
  for (let i = open + 1; i < close && voice?.addressee === undefined; i++) {
    const name = nameAt(named, i, close);
    if (!name) continue;
    const before = tokens[i - 1];
    const next = tokens[name.next];
    const vocative = (before.text === "," || i === open + 1 || DEAR.has(before.norm)) && (next === undefined || next.punct);
    if (vocative && name.id !== voice?.speaker) voice = { ...voice, addressee: name.id };
    i = name.next - 1;
  }
  if (pronounTag) {
    for (let k = open - 1; k >= 0; k--) {
      const id = named(k);
      if (id !== undefined && id !== voice?.addressee) return { ...voice, speaker: id };
    }
  }
  return voice;
}
