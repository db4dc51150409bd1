import { describe, expect, it } from "vitest";
import { compileLexicon, cueForms, cueGraphSize, type CueEntry } from "./cueGraph.ts";
import { LEXICON } from "./lexicon.ts";
import { RELATIONSHIP_TYPES, type RelationshipType } from "./types.ts";

type Lexicon = Record<RelationshipType, readonly string[]>;
type Node = ReturnType<typeof compileLexicon>;

const lexicon = (lines: Partial<Lexicon>): Lexicon =>
  Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, lines[t] ?? []])) as unknown as Lexicon;

/** The plain trie the compiled graph must match: every form inserted one by one, in lexicon order. */
function referenceTrie(lex: Lexicon): Node {
  const root: Node = { next: new Map(), entries: [] };
  for (const type of RELATIONSHIP_TYPES) {
    for (const spec of lex[type]) {
      for (const { words, entry } of cueForms(spec, type)) {
        let node = root;
        for (const w of words) {
          let child = node.next.get(w);
          if (!child) node.next.set(w, (child = { next: new Map(), entries: [] }));
          node = child;
        }
        const same = node.entries.findIndex((e: CueEntry) => e.kind === entry.kind);
        if (same < 0) node.entries.push(entry);
        else if (node.entries[same].confidence < entry.confidence) node.entries[same] = entry;
        node.entries.sort((a: CueEntry, b: CueEntry) => b.confidence - a.confidence);
      }
    }
  }
  return root;
}

/** Every path of `a` as "word word …" → readings, for a deep comparison. */
function paths(node: Node, prefix = "", out = new Map<string, CueEntry[]>()): Map<string, CueEntry[]> {
  if (node.entries.length > 0) out.set(prefix, node.entries);
  for (const [w, child] of [...node.next].sort(([x], [y]) => (x < y ? -1 : 1))) paths(child, `${prefix} ${w}`, out);
  return out;
}

/** Lines of every lexicon list with their group alternatives, for the duplicate checks. */
const allLines = (): Array<{ type: RelationshipType; spec: string }> => RELATIONSHIP_TYPES.flatMap((type) => LEXICON[type].map((spec) => ({ type, spec })));

describe("cue lexicon", () => {
  it("compiles shared alternatives to the same cues as a plain trie of every spelled-out form", () => {
    const lex = lexicon({
      trust: ["v:(suspect|believe|wonder if) (that|) {O} (is|has been|) (loyal|true to (her|his) word) !c=0.75", "v:trust", "n:confidant !d", "v:put (it|) {A} to (him|her)"],
      distrust: ["v:(suspect|believe|wonder if) (that|) {O} (is|has been|) (lying|a liar|plotting) !c=0.75", "v:suspect", "v:suspect that", "a:(sure|certain) (that|) {O} (is|) lying"],
      love: ["v:(lose|lost) (her|his) heart to", "v:idolise !c=0.55", "n:(beloved|lover) !pb", "a:sweet on"],
      respect: ["v:idolise !c=0.75", "n:lover !w", "v:(put|set) {O} on a pedestal"],
      rivalry: ["v:rival", "n:rival", "v:(part|parted) (as|) rivals !g"],
      family: ["n:foster (mother|child)", "v:marry"],
    });
    const compiled = paths(compileLexicon(lex));
    const reference = paths(referenceTrie(lex));
    expect([...compiled.keys()]).toEqual([...reference.keys()]);
    for (const [path, entries] of reference) expect(compiled.get(path), path).toEqual(entries);
  });

  it("has no group nested in a group (the parser reads one level: a nested one silently broke every harm idiom)", () => {
    const nested = allLines().filter(({ spec }) => /\([^)]*\(/.test(spec)).map(({ type, spec }) => `${type} ${spec}`);
    expect(nested).toEqual([]);
  });

  it("has no verbatim duplicate line, no line repeated with other flags and no repeated alternative", () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const { type, spec } of allLines()) {
      const pattern = spec.split(" !")[0].trim();
      const prev = seen.get(pattern);
      // The same words under two types or flags: only the more confident reading can ever apply.
      if (prev !== undefined) problems.push(`${type} "${spec}" repeats ${prev}`);
      seen.set(pattern, `${type} "${spec}"`);
      for (const group of pattern.match(/\([^)]*\)/g) ?? []) {
        const options = group.slice(1, -1).split("|").map((o) => o.trim());
        const repeated = options.filter((o, i) => options.indexOf(o) !== i);
        if (repeated.length > 0) problems.push(`${type} "${spec.slice(0, 60)}…" repeats alternatives: ${repeated.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("stays small when compiled: families cost the sum of their parts, not the product", () => {
    const { nodes, forms } = cueGraphSize(compileLexicon());
    // ~5.4k nodes stand for ~660k cue forms; spelling the forms out took ~820k trie nodes and ~1 GB.
    expect(nodes).toBeLessThan(8_000);
    expect(forms).toBeGreaterThan(nodes);
  });
});
