import type { MemoryInput } from "../../memory/types.ts";
import type { ScenarioName } from "./story.ts";

/**
 * The planted facts of the recall benchmark (`npm run bench -- recall`), written BEFORE the hybrid
 * retriever was built or tuned (see docs/memory.md, "Recall"). Each fact is planted by one player
 * action, stored as a careful narrator would store it (`add_memories`: the first memory carries the
 * fact), and referred to later once directly (its own key words) and once indirectly (a paraphrase,
 * a pronoun, "what I hid"). An indirect reference may come after a lead-in turn, as in play: the
 * player first finds the person, then speaks of the thing.
 */
export type FactKind = "hidden-object" | "promise" | "secret" | "debt" | "wound" | "name";

export interface Reference {
  kind: "direct" | "indirect";
  /** A player turn played just before the reference (e.g. "I find Captain Ilse at the head of the column."). */
  lead?: string;
  input: string;
}

export interface PlantedFact {
  id: string;
  kind: FactKind;
  /** The player's action on the planting turn. */
  plant: string;
  /** What the narrator stores that turn; `memories[0]` is the planted fact the references need. */
  memories: MemoryInput[];
  references: [Reference, Reference];
}

const ev = (entity_id: string, content: string, visibility: "public" | "private" = "public"): MemoryInput => ({ entity_id, content, scope: "event", visibility });
const rel = (entity_id: string, content: string): MemoryInput => ({ entity_id, content, scope: "relationship", visibility: "private" });
const belief = (entity_id: string, content: string): MemoryInput => ({ entity_id, content, scope: "belief", visibility: "private" });
const direct = (input: string): Reference => ({ kind: "direct", input });
const indirect = (input: string, lead?: string): Reference => (lead ? { kind: "indirect", lead, input } : { kind: "indirect", input });

const CARAVAN: PlantedFact[] = [
  {
    id: "caravan-key", kind: "hidden-object",
    plant: "I hide the brass key to the water store under the third wagon.",
    memories: [ev("mara", "Mara hid the brass key to the water store under the third wagon, wrapped in oilcloth.", "private")],
    references: [direct("I reach under the third wagon for the brass key."), indirect("I go back for what I hid.")],
  },
  {
    id: "caravan-mapcase", kind: "hidden-object",
    plant: "I bury Okoro's map case in the sand behind the cook fire.",
    memories: [ev("mara", "Mara buried Okoro's map case in the sand behind the cook fire so he could not change the route.", "private")],
    references: [direct("I dig up Okoro's map case behind the cook fire."), indirect("I make sure he never finds what I took from him.", "Okoro is searching the camp, cursing under his breath.")],
  },
  {
    id: "caravan-sister", kind: "promise",
    plant: "I promise Tomas I will get his sister a place on the next caravan out of Greyfall.",
    memories: [ev("tomas", "Mara promised Tomas to get his sister a place on the next caravan out of Greyfall."), rel("tomas", "Tomas trusts Mara Venn since she promised to help his sister.")],
    references: [direct("I tell Tomas I still mean to get his sister on the next caravan out of Greyfall."), indirect("I assure Tomas I have not forgotten my word to him.")],
  },
  {
    id: "caravan-stragglers", kind: "promise",
    plant: "I make Captain Ilse swear she will not leave the stragglers behind.",
    memories: [ev("ilse", "Captain Ilse Dorn swore to Mara that no straggler would be left behind on the flats.")],
    references: [direct("I remind Ilse that no straggler is to be left behind on the flats."), indirect("I remind her what she swore.", "I find Captain Ilse at the head of the column.")],
  },
  {
    id: "caravan-traitor", kind: "secret",
    plant: "I ask Old Bess, quietly, who sold the route.",
    memories: [
      ev("bess", "Bess told Mara in secret that the quartermaster Jory Pike sold the caravan's route to the Ashfoot raiders.", "private"),
      belief("mara", "Jory Pike sold the route to the Ashfoot; only Bess and I know."),
    ],
    references: [direct("I go looking for Jory Pike, the quartermaster who sold the route."), indirect("I confront the man Bess whispered about.")],
  },
  {
    id: "caravan-okoro-birth", kind: "secret",
    plant: "I sit with Okoro through the night watch and listen.",
    memories: [ev("okoro", "Okoro confided to Mara that he was born an Ashfoot and fled the raiders at fifteen.", "private")],
    references: [direct("I ask Okoro whether the Ashfoot will remember he was born one of them."), indirect("I tell Okoro his secret is safe with me.")],
  },
  {
    id: "caravan-saddle", kind: "debt",
    plant: "I borrow twenty silver from Captain Ilse for a new saddle.",
    memories: [ev("ilse", "Mara borrowed twenty silver from Captain Ilse Dorn for a new saddle, to be repaid in Greyfall.")],
    references: [direct("I pay Ilse back the twenty silver for the saddle."), indirect("I settle what I owe the captain.")],
  },
  {
    id: "caravan-waterskin", kind: "debt",
    plant: "I let Tomas have the spare waterskin on credit.",
    memories: [ev("tomas", "Tomas owes Mara five coins for the spare waterskin she gave him.")],
    references: [direct("I ask Tomas for the five coins for the waterskin."), indirect("I remind him he still owes me.", "I catch Tomas counting his pay by the barrels.")],
  },
  {
    id: "caravan-arrow", kind: "wound",
    plant: "I take an arrow in the left shoulder when the raiders test our flank.",
    memories: [ev("mara", "Mara took an Ashfoot arrow in the left shoulder while the raiders tested the flank.")],
    references: [direct("I have Bess look at the arrow wound in my left shoulder."), indirect("My old injury aches as I draw the bow.")],
  },
  {
    id: "caravan-ankle", kind: "wound",
    plant: "I carry Old Bess back to camp after she breaks her ankle in the gully.",
    memories: [ev("bess", "Old Bess Harrow broke her ankle in the dry gully and Mara carried her back to camp."), rel("bess", "Bess is grateful to Mara Venn for carrying her out of the gully.")],
    references: [direct("I ask Bess whether her broken ankle is healing."), indirect("I ask Bess how she is walking since the fall in the gully.")],
  },
  {
    id: "caravan-ember", kind: "name",
    plant: "I name my new grey horse Ember.",
    memories: [ev("mara", "Mara named her new grey horse Ember.")],
    references: [direct("I saddle Ember at dawn."), indirect("I call my horse by the name I gave her.")],
  },
  {
    id: "caravan-caddoc", kind: "name",
    plant: "I ask the stranger at the well for his real name.",
    memories: [ev("mara", "The stranger at Cracked Well told Mara his real name is Caddoc Vale, once a Greyfall bank clerk.")],
    references: [direct("I ask around camp about Caddoc Vale."), indirect("I try to remember what the stranger at the well called himself.")],
  },
];

const HARBOUR: PlantedFact[] = [
  {
    id: "harbour-ledger", kind: "hidden-object",
    plant: "I hide the clerk's ledger inside a hollow bollard on Pier Seven.",
    memories: [ev("ren", "Ren hid the clerk's ledger inside a hollow bollard on Pier Seven.", "private")],
    references: [direct("I retrieve the ledger from the hollow bollard on Pier Seven."), indirect("I go back to the pier for what I hid.")],
  },
  {
    id: "harbour-seal", kind: "hidden-object",
    plant: "I sew the forged council seal into the lining of my coat.",
    memories: [ev("ren", "Ren sewed the forged council seal into the lining of his coat.", "private")],
    references: [direct("I take the forged seal out of my coat lining."), indirect("I feel for the thing sewn into my coat before the search.")],
  },
  {
    id: "harbour-pass", kind: "promise",
    plant: "I promise Nessa I will forge her a harbour pass by the new moon.",
    memories: [ev("nessa", "Ren promised Nessa Quill a forged harbour pass by the new moon."), rel("nessa", "Nessa Quill counts on Ren Calloway for the harbour pass.")],
    references: [direct("I bring Nessa the forged harbour pass I promised by the new moon."), indirect("I tell Nessa her paper will be ready when I said it would.")],
  },
  {
    id: "harbour-testify", kind: "promise",
    plant: "I get Dr. Hale to swear he will testify about the drowning.",
    memories: [ev("hale", "Dr. Yuen Hale swore to Ren that he would testify to the Council that the clerk was drowned on purpose.")],
    references: [direct("I ask Dr. Hale whether he will still testify about the drowning."), indirect("I remind him what he swore.", "I visit Dr. Hale at the infirmary.")],
  },
  {
    id: "harbour-bribe", kind: "secret",
    plant: "I buy Brannock a drink and let him talk about his brother.",
    memories: [ev("brannock", "Sergeant Brannock admitted to Ren, in secret, that Lady Corvin pays him to look away from her warehouses.", "private")],
    references: [direct("I ask Brannock how much Lady Corvin pays him to look away from her warehouses."), indirect("I hint to Brannock that I know whose coin he takes.")],
  },
  {
    id: "harbour-boat", kind: "secret",
    plant: "I ask Nessa where she was the night the clerk died.",
    memories: [ev("nessa", "Nessa Quill told Ren in confidence that she saw Lady Corvin's boat near the clerk's pier the night he drowned.", "private")],
    references: [direct("I ask Nessa again about Lady Corvin's boat near the pier the night the clerk drowned."), indirect("I bring up what Nessa saw that night.")],
  },
  {
    id: "harbour-crowns", kind: "debt",
    plant: "I borrow forty crowns from Nessa to pay my dues to the forgers' guild.",
    memories: [ev("nessa", "Ren borrowed forty crowns from Nessa Quill to pay his dues to the forgers' guild.")],
    references: [direct("I pay Nessa the forty crowns I borrowed."), indirect("I settle my debt with the smuggler queen.")],
  },
  {
    id: "harbour-favour", kind: "debt",
    plant: "Dr. Hale lends me his boat for a night, and I owe him for it.",
    memories: [ev("hale", "Ren owes Dr. Yuen Hale a favour for the loan of his boat.")],
    references: [direct("I repay Dr. Hale the favour for the loan of his boat."), indirect("I ask him what he wants for the help he gave me.", "Dr. Hale stops me on the quay.")],
  },
  {
    id: "harbour-ribs", kind: "wound",
    plant: "I fight off a watchman in the alley behind the customs house.",
    memories: [ev("ren", "Ren had two ribs cracked by a watchman's club in the alley behind the customs house.")],
    references: [direct("I bind my cracked ribs before the climb."), indirect("I wince as the old hurt in my side flares.")],
  },
  {
    id: "harbour-palm", kind: "wound",
    plant: "I help Nessa hold the warehouse door against the knife men.",
    memories: [ev("nessa", "Nessa Quill cut her palm open on a smuggler's knife defending the warehouse."), rel("nessa", "Nessa Quill respects Ren Calloway for standing with her at the warehouse.")],
    references: [direct("I offer to have Dr. Hale stitch the cut on Nessa's palm."), indirect("I ask Nessa about her hand.")],
  },
  {
    id: "harbour-alias", kind: "name",
    plant: "I take the alias Tobin Marsh for the customs papers.",
    memories: [ev("ren", "Ren took the false name Tobin Marsh on the customs papers.")],
    references: [direct("I sign as Tobin Marsh at the customs house."), indirect("I give the clerk the false name I used before.")],
  },
  {
    id: "harbour-wren", kind: "name",
    plant: "I ask the drowned clerk's sister her name.",
    memories: [ev("ren", "The drowned clerk's sister introduced herself to Ren as Wren Ashby, a seamstress on Tallow Lane.")],
    references: [direct("I go to Tallow Lane looking for Wren Ashby."), indirect("I look for the clerk's sister, the seamstress.")],
  },
];

export const FACTS: Record<ScenarioName, PlantedFact[]> = { "frontier-caravan": CARAVAN, "harbour-intrigue": HARBOUR };
