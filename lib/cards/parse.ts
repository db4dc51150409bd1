import { nestsDeeperThan } from "../common/json.ts";
import { formatIssues } from "../scenarios/schema.ts";
import { cardTextFromPng, decodeBase64Text, isPng } from "./png.ts";
import { CARD_LIMITS, CardDataSchema, CardError, type Card, type CardSpec } from "./schema.ts";
import { checkV3Fields } from "./v3fields.ts";

/** Deepest nesting accepted in a card's JSON (extensions are free JSON). */
export const MAX_CARD_DEPTH = 32;

const SPECS: Record<string, Exclude<CardSpec, "chara_card_v1">> = { chara_card_v2: "chara_card_v2", chara_card_v3: "chara_card_v3" };
const V1_FIELDS = ["description", "personality", "scenario", "first_mes"];
const SPEC_VERSIONS = { chara_card_v2: "2.0", chara_card_v3: "3.0" } as const;

/**
 * The card's `spec_version` as a string. V3 asks apps not to refuse another version and to tell the
 * user when it is newer (compared as a float): the card is read as the newest version known.
 */
function specVersionOf(spec: keyof typeof SPEC_VERSIONS, value: unknown, warnings: string[]): string {
  const known = SPEC_VERSIONS[spec];
  const version = typeof value === "string" || typeof value === "number" ? String(value).slice(0, 20) : known;
  if (parseFloat(version) > parseFloat(known))
    warnings.push(`the card was made for ${spec} version ${version}, newer than the ${known} this import reads; fields the newer version adds are kept but not used`);
  return version;
}

/**
 * A card from parsed JSON: V2/V3 (`spec` + `data`) or V1 (the fields at the root). Anything else
 * is a CardError naming what is missing or wrong, with one line per invalid field.
 */
export function cardFromJson(value: unknown): Card {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new CardError("the JSON is not a character card: it is not an object");
  if (nestsDeeperThan(value, MAX_CARD_DEPTH)) throw new CardError(`the card nests deeper than ${MAX_CARD_DEPTH} levels`);
  const root = value as Record<string, unknown>;
  let spec: CardSpec;
  let data: unknown;
  let specVersion: string;
  const warnings: string[] = [];
  if (root.spec !== undefined) {
    const known = typeof root.spec === "string" ? SPECS[root.spec] : undefined;
    if (root.spec === "lorebook_v3") throw new CardError('this is a standalone lorebook (spec "lorebook_v3"), not a character card');
    if (!known) throw new CardError(`unsupported card spec ${JSON.stringify(root.spec)}; expected "chara_card_v2" or "chara_card_v3"`);
    if (root.data === null || typeof root.data !== "object" || Array.isArray(root.data)) throw new CardError(`a ${known} card needs a "data" object`);
    spec = known;
    data = root.data;
    specVersion = specVersionOf(known, root.spec_version, warnings);
  } else if (typeof root.name === "string" && V1_FIELDS.some((f) => typeof root[f] === "string")) {
    spec = "chara_card_v1";
    data = root;
    specVersion = "1.0";
  } else {
    throw new CardError('the JSON is not a character card: no "spec" (chara_card_v2/v3) and no V1 "name" with "description" or "first_mes"');
  }
  const parsed = CardDataSchema.safeParse(checkV3Fields(data as Record<string, unknown>, warnings));
  if (!parsed.success) throw new CardError("the card is invalid", formatIssues(parsed.error, spec === "chara_card_v1" ? "" : "data"));
  return { spec, spec_version: specVersion, data: parsed.data, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Card JSON text as a value (size-checked first), not yet read as a card. */
function jsonOfCardText(text: string, what: string): unknown {
  if (Buffer.byteLength(text) > CARD_LIMITS.jsonBytes) throw new CardError(`${what} is larger than ${CARD_LIMITS.jsonBytes} bytes of JSON`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CardError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** What a card file held: the card, its format, and (for a PNG) the file itself as the portrait. */
export interface CardFile {
  card: Card;
  format: "json" | "png";
  /** The card's JSON as the file holds it (a PNG's chunk decoded): what `POST /sessions {card}` takes back verbatim. */
  json: unknown;
}

/**
 * A card from a file's bytes: a PNG with the card in a tEXt chunk (`ccv3` first, then `chara`),
 * or JSON. `contentType` ("image/png", "application/json") decides; without it the bytes do.
 */
export function parseCardFile(bytes: Uint8Array, contentType?: string): CardFile {
  const png = contentType ? /^image\/png\b/i.test(contentType) : isPng(bytes);
  if (png) {
    if (bytes.length > CARD_LIMITS.pngBytes) throw new CardError(`the PNG is larger than ${CARD_LIMITS.pngBytes} bytes`);
    const { keyword, base64 } = cardTextFromPng(bytes);
    const json = jsonOfCardText(decodeBase64Text(base64, `the "${keyword}" chunk`, CARD_LIMITS.jsonBytes), `the "${keyword}" chunk`);
    return { card: cardFromJson(json), format: "png", json };
  }
  if (bytes.length > CARD_LIMITS.jsonBytes) throw new CardError(`the card is larger than ${CARD_LIMITS.jsonBytes} bytes of JSON`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CardError("the card is not UTF-8 text");
  }
  const json = jsonOfCardText(text.replace(/^\uFEFF/, ""), "the card");
  return { card: cardFromJson(json), format: "json", json };
}
