import { deflateSync } from "node:zlib";
import encodeChunks from "png-chunks-encode";
import { encode as textChunk } from "png-chunk-text";

/** Cards written for the tests: one per format (V1 root fields, V2 `data`, V3 with a lorebook). */
export const V1_CARD = {
  name: "Captain Ilse",
  description: "{{char}} commands the salt barge Heron and distrusts strangers.",
  personality: "gruff, loyal",
  scenario: "<USER> boards the Heron at dusk.",
  first_mes: "\"You're late, {{user}},\" says {{char}}.",
  mes_example: "",
};

export const V2_CARD = {
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: {
    name: "Sera Vell",
    description: "{{char}} is a lamp-lighter in Vell Harbour who knows every secret of the docks. She owes {{user}} a favour.",
    personality: "curious, wry",
    scenario: "Fog rolls over Vell Harbour as {{user}} looks for a missing ship.",
    first_mes: "{{char}} lowers her lantern. \"Looking for the Gull, {{User}}?\"",
    mes_example: "<START>\n{{char}}: Mind the third step.",
    creator_notes: "Best with slow-burn mysteries.",
    system_prompt: "Write {{char}} with dry humour. {{original}}",
    post_history_instructions: "Keep {{user}}'s choices to {{user}}.",
    alternate_greetings: ["The harbour bell rings as <BOT> finds <USER> at the quay.", "{{char}} is already waiting at the lighthouse."],
    tags: ["mystery", "harbour"],
    creator: "test-author",
    character_version: "1.2",
    extensions: { talkativeness: "0.5", depth_prompt: { depth: 4, prompt: "stay in fog" } },
    character_book: {
      name: "Vell lore",
      extensions: {},
      entries: [
        { keys: ["Gull"], content: "The Gull sank last winter; {{char}} saw it go down.", extensions: {}, enabled: true, insertion_order: 10 },
        { keys: ["Lighthouse"], content: "The lighthouse keeper is Sera's brother.", extensions: {}, enabled: true, insertion_order: 20, case_sensitive: true },
        { keys: ["tide"], secondary_keys: ["moon"], selective: true, content: "Spring tides flood the lower docks at full moon.", extensions: {}, enabled: true, insertion_order: 30 },
        { keys: [], constant: true, content: "Vell Harbour is ruled by the Lantern Guild.", extensions: {}, enabled: true, insertion_order: 40 },
        { keys: ["smuggler"], content: "A disabled entry.", extensions: {}, enabled: false, insertion_order: 50 },
      ],
    },
  },
};

export const V3_CARD = {
  spec: "chara_card_v3",
  spec_version: "3.0",
  data: {
    ...V2_CARD.data,
    name: "Orrin Ash",
    nickname: "Ash",
    assets: [{ type: "icon", uri: "ccdefault:", name: "main", ext: "png" }],
    group_only_greetings: [],
    creation_date: 1700000000,
    character_book: {
      extensions: {},
      entries: [
        { keys: ["ember"], content: "Ember-stones burn without smoke.", extensions: {}, enabled: true, insertion_order: 1, use_regex: false },
        { keys: ["^fire.*$"], content: "Regex entry.", extensions: {}, enabled: true, insertion_order: 2, use_regex: true },
      ],
    },
  },
};

const IHDR_1x1_GRAY = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);

/** A 1×1 PNG with extra chunks (e.g. a card in tEXt) before IDAT. */
export function pngWith(extra: Array<{ name: string; data: Uint8Array }>): Buffer {
  return Buffer.from(
    encodeChunks([
      { name: "IHDR", data: IHDR_1x1_GRAY },
      ...extra,
      { name: "IDAT", data: new Uint8Array(deflateSync(Buffer.from([0, 0]))) },
      { name: "IEND", data: new Uint8Array(0) },
    ]),
  );
}

/** A card PNG as the card tools write it: the JSON in base64 in a tEXt chunk (`chara` V2, `ccv3` V3). */
export function cardPng(card: unknown, keyword: "chara" | "ccv3" = "chara"): Buffer {
  return pngWith([textChunk(keyword, Buffer.from(JSON.stringify(card)).toString("base64"))]);
}

/** A raw chunk with any content (for malformed cases: zTXt, bad base64). */
export function rawChunk(name: string, keyword: string, content: Buffer): { name: string; data: Uint8Array } {
  return { name, data: new Uint8Array(Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), content])) };
}
