import { LEXICON } from "./lexicon.ts";
import { plural, verbForms, type Form } from "./morphology.ts";
import { RELATIONSHIP_TYPES, type RelationshipType } from "./types.ts";

/**
 * The cue graph: the lexicon (lexicon.ts) compiled once into a trie of word sequences, each ending in
 * what it means. Matching it against a clause is cues.ts.
 */

/** How a cue's participants are found. */
export type CueKind = "pred" | "phrase" | "noun";

/** One compiled cue: a token sequence (possibly with an object slot) and what it means. */
export interface CueEntry {
  type: RelationshipType;
  kind: CueKind;
  /** The object holds the feeling ("Tomas frightens Sera" → sera fears tomas). */
  reverse: boolean;
  /** Nouns: "pb" possessor→bearer, "bp" bearer→possessor, "mutual" both ways. */
  nounDir: "mutual" | "pb" | "bp";
  confidence: number;
  strength: number;
  /** Only meaningful for a group subject with nobody else named ("Sera and Tomas fell out"). */
  groupOnly: boolean;
  /** Type when negated; undefined → the type-level table in types.ts. */
  negType?: RelationshipType | null;
  /** Past participle (or identical past) form: followed by "by" it is passive. */
  participle: boolean;
  /** An inflected verb form ("trusted", "loving"): may be an adjective ("her trusted friend"). */
  verbForm: boolean;
  /** A verb's -s form: after a determiner it is a plural noun ("his doubts", "her fears"). */
  sForm: boolean;
  /** A noun that is also an age word ("they were children"): kinship only with a possessor. */
  possessed?: boolean;
  /** Affection that reads as love when the memory has romantic words ("fond of", "soft spot for"). */
  affection?: boolean;
  /** A phrase that means no feeling about the person ("fears for Sera's safety"): matched so no shorter cue reads it, emits nothing. */
  none?: boolean;
  /** A predicate that binds both ways ("betrothed to": each loves the other). */
  mutual?: boolean;
  /** Only at the end of a phrase ("tells Quill everything", not "tells Quill everything is ready"). */
  final?: boolean;
  /** The judgement of a quotation's speaker about its subject ('"Quill is the finest advocate," Vesna said'). */
  voiced?: boolean;
}

/** The object slot and the free-modifier slot of a lexicon pattern, as stored in the graph. */
export const SLOT = "{O}";
/** Up to two free modifier words ("with {A} contempt" matches "with utter contempt"). */
export const SKIP = "{A}";

export interface TrieNode {
  next: Map<string, TrieNode>;
  entries: CueEntry[];
}


/** Expand "(a|b|)" groups into every combination of plain word lists. */
export function expandAlternatives(pattern: string): string[][] {
  const parts = pattern.match(/\([^)]*\)|[^\s()]+/g) ?? [];
  let acc: string[][] = [[]];
  for (const part of parts) {
    const options = part.startsWith("(") ? part.slice(1, -1).split("|") : [part];
    acc = acc.flatMap((prefix) => options.map((o) => [...prefix, ...o.split(" ").filter(Boolean)]));
  }
  return acc;
}

function parseFlags(flags: string[], type: RelationshipType, kind: CueKind): Omit<CueEntry, "participle" | "verbForm" | "sForm"> {
  const entry: Omit<CueEntry, "participle" | "verbForm" | "sForm"> = { type, kind, reverse: false, nounDir: "mutual", confidence: 0.85, strength: 0.6, groupOnly: false };
  for (const f of flags) {
    if (f === "!r" || f === "!h") entry.reverse = true;
    else if (f === "!pb" || f === "!d") entry.nounDir = "pb";
    else if (f === "!bp") entry.nounDir = "bp";
    else if (f === "!w") entry.confidence = 0.55;
    else if (f === "!g") entry.groupOnly = true;
    else if (f === "!p") entry.possessed = true;
    else if (f === "!a") entry.affection = true;
    else if (f === "!x") entry.none = true;
    else if (f === "!e") entry.final = true;
    else if (f === "!m") entry.mutual = true;
    else if (f === "!v") entry.voiced = true;
    else if (f.startsWith("!c=")) entry.confidence = Number(f.slice(3));
    else if (f.startsWith("!s=")) entry.strength = Number(f.slice(3));
    else if (f.startsWith("!neg=")) entry.negType = f.slice(5) as RelationshipType;
  }
  return entry;
}

/** Add one reading to a node: one per kind (the most confident, the first on a tie), best first. */
function addEntry(entries: CueEntry[], entry: CueEntry): void {
  // Same words, several readings: keep one per kind (the most confident); the extractor picks
  // noun or verb from the context ("a rival" vs "rivals her").
  const same = entries.findIndex((e) => e.kind === entry.kind);
  if (same < 0) entries.push(entry);
  else if (entries[same].confidence < entry.confidence) entries[same] = entry;
  entries.sort((a, b) => b.confidence - a.confidence);
}

/**
 * Builds the cue graph without expanding alternatives into separate paths. A pattern is compiled
 * right to left: each "(a|b|)" group points at one shared node for the rest of the pattern, so
 * "BELIEVE (that|) {O} AUX (WRONG)" costs the sum of its groups, not their product. Patterns are then
 * merged into one deterministic graph; a node reached by several patterns is built once per distinct
 * set of source nodes (memoised), and its readings are added in lexicon order, exactly as inserting
 * every expanded form into a plain trie would have added them. Nodes are shared, never mutated.
 */
class CueGraphBuilder {
  private readonly ids = new Map<TrieNode, number>();
  private readonly merged = new Map<string, TrieNode>();

  private make(entries: CueEntry[], next: Map<string, TrieNode>): TrieNode {
    const node = { next, entries };
    this.ids.set(node, this.ids.size);
    return node;
  }

  private readonly leaves = new Map<CueEntry, TrieNode>();

  /** The end of a cue form (one node per entry object), or an empty node. */
  leaf(entry?: CueEntry): TrieNode {
    if (!entry) return this.make([], new Map());
    let node = this.leaves.get(entry);
    if (!node) this.leaves.set(entry, (node = this.make([entry], new Map())));
    return node;
  }

  /** `words` followed by `tail`; no words → `tail` itself (an empty alternative). */
  chain(words: readonly string[], tail: TrieNode): TrieNode {
    let node = tail;
    for (let k = words.length - 1; k >= 0; k--) node = this.make([], new Map([[words[k], node]]));
    return node;
  }

  /** One node matching everything the given nodes match; readings added in the order given. */
  merge(nodes: readonly TrieNode[]): TrieNode {
    if (nodes.length === 1) return nodes[0];
    const unique = [...new Set(nodes)];
    if (unique.length === 1) return unique[0];
    const key = unique.map((n) => this.ids.get(n)).join(",");
    const known = this.merged.get(key);
    if (known) return known;
    const entries: CueEntry[] = [];
    const children = new Map<string, TrieNode[]>();
    for (const n of unique) {
      for (const e of n.entries) addEntry(entries, e);
      for (const [w, child] of n.next) {
        const list = children.get(w);
        if (list) list.push(child);
        else children.set(w, [child]);
      }
    }
    const next = new Map<string, TrieNode>();
    for (const [w, list] of children) next.set(w, this.merge(list));
    const node = this.make(entries, next);
    this.merged.set(key, node);
    return node;
  }

  /** Groups [from, end) followed by `tail`. */
  groups(groups: readonly (readonly string[][])[], from: number, tail: TrieNode): TrieNode {
    let node = tail;
    for (let k = groups.length - 1; k >= from; k--) {
      const rest = node;
      node = this.merge(groups[k].map((option) => this.chain(option, rest)));
    }
    return node;
  }
}

/** Pattern → groups of alternatives, each a word list: "(a|b c|) d" → [[["a"], ["b", "c"], []], [["d"]]]. */
function parseGroups(pattern: string): string[][][] {
  const parts = pattern.match(/\([^)]*\)|[^\s()]+/g) ?? [];
  // Same normalisation as the tokenizer: "arm's" is stored as "arm".
  return parts.map((part) => (part.startsWith("(") ? part.slice(1, -1).split("|") : [part]).map((o) => o.split(" ").filter(Boolean).map((w) => w.replace(/'s$/, ""))));
}

interface ParsedSpec {
  prefix: string;
  pattern: string;
  base: Omit<CueEntry, "participle" | "verbForm" | "sForm">;
}

function parseSpec(spec: string, type: RelationshipType): ParsedSpec {
  const colon = spec.indexOf(":");
  const prefix = spec.slice(0, colon);
  const [pattern, ...rest] = spec.slice(colon + 1).split(" !");
  const flags = rest.map((f) => `!${f.trim()}`);
  const kind: CueKind = prefix === "n" ? "noun" : prefix === "p" ? "phrase" : "pred";
  return { prefix, pattern: pattern.trim(), base: parseFlags(flags, type, kind) };
}

const verbEntry = (base: ParsedSpec["base"], lemma: string, f: Form): CueEntry =>
  ({ ...base, participle: f.participle, verbForm: f.participle || f.word.endsWith("ing"), sForm: f.word !== lemma && f.word.endsWith("s") });

/**
 * Every cue form of one lexicon line, spelled out, in lexicon order: what a plain trie would hold.
 * Only for small lines (nouns) and for tests; compileLexicon never expands a whole family.
 */
export function* cueForms(spec: string, type: RelationshipType): Generator<{ words: string[]; entry: CueEntry }> {
  const { prefix, pattern, base } = parseSpec(spec, type);
  const plain: CueEntry = { ...base, participle: false, verbForm: false, sForm: false };
  for (const raw of expandAlternatives(pattern)) {
    // Same normalisation as the tokenizer: "arm's" is stored as "arm".
    const words = raw.map((w) => w.replace(/'s$/, ""));
    if (prefix === "v") {
      for (const f of verbForms(words[0])) yield { words: [f.word, ...words.slice(1)], entry: verbEntry(base, words[0], f) };
    } else {
      yield { words, entry: plain };
      const pl = prefix === "n" ? plural(words[words.length - 1]) : undefined;
      if (pl) yield { words: [...words.slice(0, -1), pl], entry: plain };
    }
  }
}

/** One lexicon line as a graph of its own (see CueGraphBuilder). */
function compileSpec(builder: CueGraphBuilder, spec: string, type: RelationshipType): TrieNode {
  const { prefix, pattern, base } = parseSpec(spec, type);
  const groups = parseGroups(pattern);
  if (prefix === "v" && groups.length > 0 && groups[0].every((o) => o.length > 0)) {
    // The verb is the first word of each first-group alternative; the rest of the pattern is built
    // once per combination of form flags and shared by every verb and form with those flags.
    const tails = new Map<string, TrieNode>();
    const heads: TrieNode[] = [];
    for (const [lemma, ...more] of groups[0]) {
      for (const f of verbForms(lemma)) {
        const entry = verbEntry(base, lemma, f);
        const key = `${entry.participle}|${entry.verbForm}|${entry.sForm}`;
        let tail = tails.get(key);
        if (!tail) tails.set(key, (tail = builder.groups(groups, 1, builder.leaf(entry))));
        heads.push(builder.chain([f.word, ...more], tail));
      }
    }
    return builder.merge(heads);
  }
  if (prefix !== "v" && prefix !== "n") return builder.groups(groups, 0, builder.leaf({ ...base, participle: false, verbForm: false, sForm: false }));
  // Nouns (a plural per form) and a verb line that does not open with its verb: small, spelled out.
  return builder.merge([...cueForms(spec, type)].map((f) => builder.chain(f.words, builder.leaf(f.entry))));
}

/** Compile the lexicon into a cue graph (done once, lazily, by findCues): a trie whose shared suffixes are stored once. */
export function compileLexicon(lexicon: Readonly<Record<RelationshipType, readonly string[]>> = LEXICON): TrieNode {
  const builder = new CueGraphBuilder();
  const specs = RELATIONSHIP_TYPES.flatMap((type) => lexicon[type].map((spec) => compileSpec(builder, spec, type)));
  // An empty node first, so an empty lexicon still yields a root.
  return builder.merge([builder.leaf(), ...specs]);
}

/** Distinct nodes of a compiled cue graph, and cue forms (distinct word sequences with a reading). */
export function cueGraphSize(root: TrieNode): { nodes: number; forms: number } {
  const forms = new Map<TrieNode, number>();
  const count = (node: TrieNode): number => {
    let n = forms.get(node);
    if (n === undefined) {
      n = node.entries.length > 0 ? 1 : 0;
      for (const child of node.next.values()) n += count(child);
      forms.set(node, n);
    }
    return n;
  };
  return { forms: count(root), nodes: forms.size };
}
