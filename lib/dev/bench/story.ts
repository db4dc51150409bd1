import type { MemoryInput } from "../../memory/types.ts";
import type { StateOp } from "../../tools/stateOps.ts";

/**
 * The scripted story both flows play: per scenario, the player's inputs and what changed in each
 * turn. The simulated model of BOTH flows writes exactly these changes (batched for the hybrid
 * turn, one call at a time for the ReAct baseline), so both flows do the same work.
 */
export interface StoryStep {
  input: string;
  /** The cast member the turn is about (baseline: query_relationships on it). */
  focus: string;
  ops: StateOp[];
  /** World keys that change this turn, if any. */
  world?: Record<string, string>;
  /** 2–3 memories; relationship memories name both characters so relationships are extracted. */
  memories: MemoryInput[];
}

export type ScenarioName = "frontier-caravan" | "harbour-intrigue";

export const SCENARIOS: readonly ScenarioName[] = ["frontier-caravan", "harbour-intrigue"];

const ev = (entity_id: string, content: string): MemoryInput => ({ entity_id, content, scope: "event", visibility: "public" });
const rel = (entity_id: string, content: string): MemoryInput => ({ entity_id, content, scope: "relationship", visibility: "private" });
const belief = (entity_id: string, content: string): MemoryInput => ({ entity_id, content, scope: "belief", visibility: "private" });

const CARAVAN: StoryStep[] = [
  {
    input: "I share my water with Tomas at the wagons.",
    focus: "tomas",
    ops: [{ op: "dec", path: "player.water", value: 1 }],
    memories: [ev("tomas", "Mara shared her water with me at the wagons."), rel("tomas", "Tomas now trusts Mara Venn because she shared her water.")],
  },
  {
    input: "I ride ahead to scout the dust on the horizon.",
    focus: "ashfoot",
    ops: [{ op: "set", path: "flags.dust_scouted", value: true }],
    world: { time: "mid-morning, day 3 of the crossing", location: "the western ridge" },
    memories: [ev("mara", "I saw riders on the western ridge, too far to count."), belief("mara", "The Ashfoot raiders are shadowing the caravan.")],
  },
  {
    input: "I report the riders to Captain Ilse Dorn.",
    focus: "ilse",
    ops: [{ op: "inc", path: "player.coins", value: 2 }],
    memories: [
      ev("ilse", "Mara reported riders shadowing us from the western ridge."),
      rel("ilse", "Captain Ilse Dorn respects Mara Venn for her quick report."),
      ev("tomas", "The captain doubled the watch after Mara's report."),
    ],
  },
  {
    input: "I ask Okoro why he chose the southern route.",
    focus: "okoro",
    ops: [{ op: "set", path: "flags.asked_okoro", value: true }],
    memories: [ev("okoro", "Mara asked me why I chose the southern route."), rel("okoro", "Okoro resents Mara Venn for questioning his route.")],
  },
  {
    input: "I help Old Bess Harrow mend a cracked water barrel.",
    focus: "bess",
    ops: [{ op: "inc", path: "caravan.water_barrels", value: 1 }, { op: "dec", path: "player.health", value: 1 }],
    world: { time: "noon, day 3 of the crossing" },
    memories: [
      ev("bess", "Mara helped me mend the cracked barrel and cut her hand doing it."),
      rel("bess", "Old Bess Harrow likes Mara Venn, who works without complaint."),
    ],
  },
  {
    input: "I use my spyglass to watch Okoro at the evening halt.",
    focus: "okoro",
    ops: [{ op: "set", path: "flags.watched_okoro", value: true }],
    world: { time: "dusk, day 3 of the crossing", location: "Cracked Well camp" },
    memories: [ev("mara", "Through the spyglass I saw Okoro bury something under a cairn."), belief("mara", "Okoro may be the one who sold the route.")],
  },
  {
    input: "I dig up what Okoro buried under the cairn.",
    focus: "okoro",
    ops: [{ op: "push", path: "inventory", value: "ashfoot token" }, { op: "set", path: "flags.traitor_known", value: true }],
    memories: [
      ev("mara", "Under the cairn I found an Ashfoot token wrapped in oilcloth."),
      belief("mara", "Okoro is trading with the Ashfoot raiders."),
      ev("okoro", "Someone disturbed my cairn during the night."),
    ],
  },
  {
    input: "I show the Ashfoot token to Tomas and ask him to keep quiet.",
    focus: "tomas",
    ops: [{ op: "set", path: "flags.tomas_knows", value: true }],
    memories: [ev("tomas", "Mara showed me an Ashfoot token from Okoro's cairn."), rel("tomas", "Tomas fears Okoro after seeing the Ashfoot token.")],
  },
  {
    input: "I confront Okoro with the token in front of the captain.",
    focus: "okoro",
    ops: [{ op: "remove", path: "inventory", value: "ashfoot token" }, { op: "dec", path: "player.health", value: 2 }],
    world: { time: "night, day 3 of the crossing" },
    memories: [
      ev("ilse", "Mara confronted Okoro with an Ashfoot token; he drew a knife."),
      rel("okoro", "Okoro hates Mara Venn for exposing him."),
      rel("ilse", "Captain Ilse Dorn trusts Mara Venn over her own guide."),
    ],
  },
  {
    input: "I offer to guide the wagons through the pass myself.",
    focus: "ilse",
    ops: [{ op: "set", path: "flags.mara_guides", value: true }, { op: "inc", path: "player.coins", value: 5 }],
    memories: [ev("ilse", "Mara offered to guide the wagons through the pass."), rel("ilse", "Captain Ilse Dorn counts on Mara Venn to reach Greyfall.")],
  },
  {
    input: "I lead the caravan into the pass before the storm.",
    focus: "greyfall",
    ops: [{ op: "dec", path: "caravan.water_barrels", value: 2 }],
    world: { time: "dawn, day 4 of the crossing", location: "the Greyfall pass", weather: "storm clouds over the peaks" },
    memories: [ev("tomas", "Mara led us into the pass at dawn, ahead of the storm."), rel("tomas", "Tomas admires Mara Venn for leading the caravan.")],
  },
];

const HARBOUR: StoryStep[] = [
  {
    input: "I ask Nessa Quill for more time on my debt.",
    focus: "nessa",
    ops: [{ op: "inc", path: "player.debt_to_nessa", value: 5 }],
    memories: [ev("nessa", "Ren asked me for more time and agreed to pay five more."), rel("nessa", "Nessa Quill distrusts Ren Calloway and his promises.")],
  },
  {
    input: "I take Lady Adela Corvin's letter to the customs house.",
    focus: "corvin",
    ops: [{ op: "push", path: "inventory", value: "corvin letter" }],
    world: { location: "the customs house steps", time: "late evening, two nights before the vote" },
    memories: [ev("corvin", "Ren agreed to carry my letter to the customs house."), rel("corvin", "Lady Adela Corvin respects Ren Calloway's discretion.")],
  },
  {
    input: "I steam open the letter and read it.",
    focus: "corvin",
    ops: [{ op: "inc", path: "player.suspicion", value: 1 }, { op: "set", path: "flags.read_corvin_letter", value: true }],
    memories: [
      ev("ren", "The letter offers the customs house to Corvin's shipping friends."),
      belief("ren", "Corvin means to buy the vote of the Salt Council."),
      ev("corvin", "My seal looked disturbed when the clerk reported back."),
    ],
  },
  {
    input: "I visit Dr. Yuen Hale to ask about the drowned clerk.",
    focus: "hale",
    ops: [{ op: "set", path: "flags.asked_hale", value: true }],
    world: { location: "Dr. Hale's surgery", weather: "thick fog and a cold drizzle" },
    memories: [ev("hale", "Ren asked me about the clerk found under the fish market."), rel("hale", "Dr. Yuen Hale is wary of Ren Calloway's questions.")],
  },
  {
    input: "I pay Hale two coins to see the clerk's belongings.",
    focus: "hale",
    ops: [{ op: "dec", path: "player.coins", value: 2 }],
    memories: [
      ev("hale", "Ren paid me two coins to see the clerk's belongings."),
      ev("ren", "The clerk's coat held a pawn ticket for a ledger."),
      rel("hale", "Dr. Yuen Hale now trusts Ren Calloway a little."),
    ],
  },
  {
    input: "I redeem the pawn ticket at the fish market.",
    focus: "ledger",
    ops: [{ op: "set", path: "flags.has_ledger", value: true }, { op: "push", path: "inventory", value: "clerk's ledger" }],
    world: { location: "the fish market quay", time: "midnight, two nights before the vote" },
    memories: [ev("ren", "I redeemed the clerk's ledger from the pawnbroker."), belief("ren", "The ledger lists bribes paid before the vote.")],
  },
  {
    input: "I hide from Sergeant Brannock's patrol behind the nets.",
    focus: "brannock",
    ops: [{ op: "inc", path: "player.suspicion", value: 1 }],
    memories: [ev("brannock", "Someone ran from my patrol near the nets at midnight."), belief("brannock", "A dock clerk is carrying stolen papers.")],
  },
  {
    input: "I forge a customs pass to get past Brannock.",
    focus: "brannock",
    ops: [{ op: "push", path: "inventory", value: "forged customs pass" }],
    memories: [
      ev("brannock", "Ren showed me a customs pass that looked too new."),
      rel("brannock", "Sergeant Brannock suspects Ren Calloway of forgery."),
      ev("ren", "Brannock let me pass, but he studied the seal too long."),
    ],
  },
  {
    input: "I show Nessa Quill a page of the ledger to settle my debt.",
    focus: "nessa",
    ops: [{ op: "dec", path: "player.debt_to_nessa", value: 20 }],
    world: { location: "Nessa's counting room", time: "small hours, one night before the vote" },
    memories: [ev("nessa", "Ren showed me a ledger page naming Corvin's bribes."), rel("nessa", "Nessa Quill now needs Ren Calloway as an ally.")],
  },
  {
    input: "I warn Lady Adela Corvin that the ledger exists.",
    focus: "corvin",
    ops: [{ op: "inc", path: "player.suspicion", value: 2 }, { op: "set", path: "flags.warned_corvin", value: true }],
    memories: [ev("corvin", "Ren warned me that the clerk's ledger survived."), rel("corvin", "Lady Adela Corvin fears Ren Calloway now.")],
  },
  {
    input: "I carry the ledger to the Salt Council chamber.",
    focus: "council",
    ops: [{ op: "set", path: "flags.vote_in_nights", value: 1 }],
    world: { location: "the Salt Council chamber", time: "morning, one night before the vote" },
    memories: [
      ev("ren", "I brought the clerk's ledger to the Salt Council chamber."),
      ev("brannock", "Ren walked into the council chamber with a ledger under his coat."),
      rel("brannock", "Sergeant Brannock respects Ren Calloway's nerve."),
    ],
  },
];

export const STORY: Readonly<Record<ScenarioName, StoryStep[]>> = { "frontier-caravan": CARAVAN, "harbour-intrigue": HARBOUR };

/** Where an input sits in the story: scenario, 0-based turn index, and the step itself. */
export interface StoryPosition {
  scenario: ScenarioName;
  index: number;
  step: StoryStep;
}

const BY_INPUT = new Map<string, StoryPosition>(
  SCENARIOS.flatMap((scenario) => STORY[scenario].map((step, index): [string, StoryPosition] => [step.input, { scenario, index, step }])),
);

/** The story step a player input belongs to (throws for an input the story does not contain). */
export function stepForInput(input: string): StoryPosition {
  const found = BY_INPUT.get(input.replace(/\s+/g, " ").trim());
  if (!found) throw new Error(`bench script: "${input.slice(0, 60)}" is not an input of bench/story.ts`);
  return found;
}
