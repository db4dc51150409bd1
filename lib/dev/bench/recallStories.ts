import { mulberry32 } from "../../common/seededRandom.ts";
import type { MemoryInput } from "../../memory/types.ts";
import { FACTS, type FactKind, type PlantedFact, type Reference } from "./recallFacts.ts";
import type { ScenarioName } from "./story.ts";

/**
 * Scripted long stories for the recall benchmark: deterministic filler turns (with memories a
 * narrator would store, including look-alike facts held by other characters: their own hidden
 * things, promises, debts, wounds and names), the planted facts of recallFacts.ts at known turns,
 * and the references to them later on. Written before the hybrid retriever was built or tuned.
 */
export interface ScriptedTurn {
  turn: number;
  input: string;
  memories: MemoryInput[];
  /** Set on a planting turn. */
  plants?: string;
  /** Set on a reference turn: which fact, and how it is referred to. */
  refers?: { fact: string; kind: Reference["kind"]; plantedAt: number };
}

export interface ScriptedStory {
  scenario: ScenarioName;
  length: number;
  turns: ScriptedTurn[];
}

interface Vocabulary {
  player: string;
  npcs: Array<{ id: string; name: string }>;
  places: string[];
  activities: Array<[string, string]>;
  things: string[];
}

const VOCAB: Record<ScenarioName, Vocabulary> = {
  "frontier-caravan": {
    player: "Mara",
    npcs: [{ id: "tomas", name: "Tomas" }, { id: "ilse", name: "Captain Ilse" }, { id: "okoro", name: "Okoro" }, { id: "bess", name: "Old Bess" }],
    places: ["the wagons", "the western ridge", "the dry gully", "Cracked Well camp", "the salt pan", "the lead wagon", "the picket line", "the cook fire", "the water barrels", "the pass road"],
    activities: [
      ["check the water barrels", "checked the water barrels"], ["scout the ridge", "scouted the ridge"], ["grease the axles", "greased the axles"],
      ["water the horses", "watered the horses"], ["mend a harness", "mended a harness"], ["count the supplies", "counted the supplies"],
      ["watch the horizon", "watched the horizon"], ["share a meal", "shared a meal"], ["talk about Greyfall", "talked about Greyfall"],
      ["dig a fire pit", "dug a fire pit"], ["track raider hoofprints", "tracked raider hoofprints"], ["ration the flour", "rationed the flour"],
    ],
    things: ["a flask of brandy", "the spare rations", "a silver locket", "a bundle of letters", "the salt tax receipts", "a pouch of seed corn", "an old compass", "a bone-handled knife"],
  },
  "harbour-intrigue": {
    player: "Ren",
    npcs: [{ id: "corvin", name: "Lady Corvin" }, { id: "nessa", name: "Nessa" }, { id: "hale", name: "Dr. Hale" }, { id: "brannock", name: "Sergeant Brannock" }],
    places: ["the lower docks", "the fish market", "the customs house", "the Gull tavern", "Pier Three", "the council steps", "the rope walk", "the infirmary", "the bonded warehouse", "the harbour wall"],
    activities: [
      ["copy shipping manifests", "copied shipping manifests"], ["watch the tide", "watched the tide"], ["haggle over cargo", "haggled over cargo"],
      ["read the council notices", "read the council notices"], ["count crates", "counted crates"], ["share a pot of tea", "shared a pot of tea"],
      ["talk about the vote", "talked about the vote"], ["trail a courier", "trailed a courier"], ["mend a net", "mended a net"],
      ["check the warehouse locks", "checked the warehouse locks"], ["play cards", "played cards"], ["bargain for rope", "bargained for rope"],
    ],
    things: ["a purse of crowns", "a bundle of letters", "a signet ring", "a bottle of rum", "the tide tables", "a set of lockpicks", "a sealed envelope", "a brass spyglass"],
  },
};

/** A look-alike of each kind of fact, held by another character (the distractors the planted facts must beat). */
function lookAlike(kind: FactKind, v: Vocabulary, r: () => number): MemoryInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const a = pick(v.npcs);
  const b = pick(v.npcs.filter((n) => n.id !== a.id));
  const place = pick(v.places);
  const thing = pick(v.things);
  const content = {
    "hidden-object": `${a.name} hid ${thing} near ${place}.`,
    promise: `${a.name} promised ${b.name} to be at ${place} by nightfall.`,
    secret: `${a.name} told ${b.name} a secret about ${thing}.`,
    debt: `${a.name} owes ${b.name} for ${thing}.`,
    wound: `${a.name} cut a hand at ${place}.`,
    name: `${a.name} says the old mule at ${place} is called ${pick(["Pepper", "Dusty", "Moth", "Cinder", "Biscuit", "Sable"])}.`,
  }[kind];
  return { entity_id: a.id, content, scope: "event", visibility: "public" };
}

const KINDS: FactKind[] = ["hidden-object", "promise", "secret", "debt", "wound", "name"];

/** One filler turn: an everyday action with one character, its event memory, and sometimes a look-alike fact or a feeling. */
function fillerTurn(turn: number, v: Vocabulary, r: () => number): ScriptedTurn {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const npc = pick(v.npcs);
  const place = pick(v.places);
  const [act, done] = pick(v.activities);
  const memories: MemoryInput[] = [{ entity_id: npc.id, content: `${v.player} and ${npc.name} ${done} at ${place}.`, scope: "event", visibility: "public" }];
  if (r() < 0.35) memories.push(lookAlike(pick(KINDS), v, r));
  if (r() < 0.3) memories.push({ entity_id: npc.id, content: `${npc.name} ${pick(["respects", "trusts", "is wary of", "enjoys the company of"])} ${v.player} after their time at ${place}.`, scope: "relationship", visibility: "private" });
  return { turn, input: `I ${act} with ${npc.name} at ${place}.`, memories };
}

/**
 * A story of `length` turns. Fact i is planted at a turn spread over the first 45% of the story;
 * its two references come at turns spread over the rest (a free turn at or after the wanted one,
 * with a free turn before it for a lead-in), so distances range from a few turns to most of the story.
 */
export function scriptedStory(scenario: ScenarioName, length: number): ScriptedStory {
  const v = VOCAB[scenario];
  const facts: PlantedFact[] = FACTS[scenario];
  const r = mulberry32(length * 31 + (scenario === "frontier-caravan" ? 1 : 2));
  const taken = new Map<number, ScriptedTurn>();
  const free = (t: number) => t >= 2 && t <= length && !taken.has(t);
  facts.forEach((fact, i) => {
    let plantAt = 2 + Math.floor((i * length * 0.45) / facts.length);
    while (!free(plantAt)) plantAt++;
    taken.set(plantAt, { turn: plantAt, input: fact.plant, memories: fact.memories, plants: fact.id });
    fact.references.forEach((ref, j) => {
      const fraction = (((i * (j === 0 ? 7 : 5) + (j === 0 ? 0 : 3)) % facts.length) + 1) / (facts.length + 1);
      const wanted = plantAt + 2 + Math.floor(fraction * (length - plantAt - 3));
      let at = wanted;
      const fits = (t: number) => free(t) && (!ref.lead || free(t - 1)) && t > plantAt + 1;
      while (at <= length && !fits(at)) at++;
      if (at > length) for (at = wanted; at > plantAt + 1 && !fits(at); at--);
      if (!fits(at)) throw new Error(`recall story ${scenario}/${length}: no free turn for ${fact.id} ${ref.kind}`);
      if (ref.lead) taken.set(at - 1, { turn: at - 1, input: ref.lead, memories: [] });
      taken.set(at, { turn: at, input: ref.input, memories: [], refers: { fact: fact.id, kind: ref.kind, plantedAt: plantAt } });
    });
  });
  const turns: ScriptedTurn[] = [];
  for (let t = 1; t <= length; t++) turns.push(taken.get(t) ?? fillerTurn(t, v, r));
  return { scenario, length, turns };
}
