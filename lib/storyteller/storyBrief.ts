import { MARKERS } from "../prompts/turnMessage.ts";
import type { Json } from "../common/json.ts";

/**
 * The narrator's turn message read back into data: what the offline storyteller knows about a
 * turn. The layout is the one `renderTurnMessage` writes (prompts/turnMessage.ts).
 */

/** A cast member as listed on the `Cast:` line (background may be truncated or empty). */
export interface BriefEntity {
  id: string;
  name: string;
  type: string;
  background: string;
}

/** One `- entity/scope: text` line of the `Memories:` section. */
export interface BriefMemory {
  entity_id: string;
  scope: string;
  content: string;
}

/** One `- from→to type +0.60 s0.72` line of the `Relationships:` section. */
export interface BriefEdge {
  from: string;
  to: string;
  type: string;
  sentiment: number;
  strength: number;
}

/** Everything the turn message says; sections that are missing are empty. */
export interface StoryBrief {
  turn: number;
  player: { id: string; name: string };
  /** World values as text (non-string values keep their JSON spelling). */
  world: Record<string, string>;
  cast: BriefEntity[];
  /** Story-state values by path, parsed from JSON (unparseable values are kept as text). */
  state: Record<string, Json>;
  memories: BriefMemory[];
  relationships: BriefEdge[];
  /** The player's action, whitespace collapsed, its first ACTION_READ_CHARS characters. */
  action: string;
}

const TURN_RE = /^Turn (\d+)\. Player: (.*) \(([^()]*)\)\s*$/;
const CAST_RE = /^([a-z][a-z0-9_-]*)=(.+?) \(([a-z]+)\)(?:: ([\s\S]*))?$/;
const EDGE_RE = /^(\S+)→(\S+) (\S+) ([+-]?\d+(?:\.\d+)?) s(\d+(?:\.\d+)?)$/;
const MEMORY_RE = /^([^/\s]+)\/([a-z_]+): ([\s\S]*)$/;

/**
 * How much of the player's action the stand-in reads: enough for any real action, and a bound on its
 * per-name pattern scans, so a 2,000-character input costs the event loop no more than a short one.
 */
export const ACTION_READ_CHARS = 400;

/**
 * Parses a turn message; undefined when `text` has no `Player action:` line (it is then not a
 * narrate call). Tolerant: unknown lines are skipped and missing sections stay empty.
 */
export function parseTurnMessage(text: string): StoryBrief | undefined {
  const lines = text.split(/\r?\n/);
  const actionLine = lines.find((l) => l.startsWith(MARKERS.action));
  if (actionLine === undefined) return undefined;
  const brief: StoryBrief = {
    turn: 0,
    player: { id: "player", name: "the traveller" },
    world: {},
    cast: [],
    state: {},
    memories: [],
    relationships: [],
    action: actionLine.slice(MARKERS.action.length).replace(/\s+/g, " ").trim().slice(0, ACTION_READ_CHARS),
  };
  let section: "memories" | "relationships" | undefined;
  for (const line of lines) {
    const turn = TURN_RE.exec(line);
    if (turn) {
      brief.turn = Number(turn[1]);
      brief.player = { name: turn[2].trim(), id: turn[3].trim() };
      section = undefined;
    } else if (line.startsWith(MARKERS.world)) {
      brief.world = parsePairs(line.slice(MARKERS.world.length), (v) => v);
      section = undefined;
    } else if (line.startsWith(MARKERS.cast)) {
      brief.cast = parseCast(line.slice(MARKERS.cast.length));
      section = undefined;
    } else if (line.startsWith(MARKERS.state)) {
      brief.state = parsePairs(line.slice(MARKERS.state.length), parseJson);
      section = undefined;
    } else if (line.trim() === MARKERS.memories) {
      section = "memories";
    } else if (line.trim() === MARKERS.relationships) {
      section = "relationships";
    } else if (line.startsWith("- ") && section === "memories") {
      const m = MEMORY_RE.exec(line.slice(2).trim());
      if (m) brief.memories.push({ entity_id: m[1], scope: m[2], content: m[3] });
    } else if (line.startsWith("- ") && section === "relationships") {
      const e = EDGE_RE.exec(line.slice(2).trim());
      if (e) brief.relationships.push({ from: e[1], to: e[2], type: e[3], sentiment: Number(e[4]), strength: Number(e[5]) });
    }
  }
  return brief;
}

/** `k=v | k=v`, splitting only before something that looks like the next key. */
function parsePairs<V>(body: string, value: (raw: string) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const part of body.split(/ \| (?=[A-Za-z_][\w.-]*=)/)) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    out[part.slice(0, eq).trim()] = value(part.slice(eq + 1).trim());
  }
  return out;
}

function parseJson(raw: string): Json {
  try {
    return JSON.parse(raw) as Json;
  } catch {
    return raw;
  }
}

function parseCast(body: string): BriefEntity[] {
  const out: BriefEntity[] = [];
  for (const part of body.split(/ ; (?=[a-z][a-z0-9_-]*=)/)) {
    const m = CAST_RE.exec(part.trim());
    if (m) out.push({ id: m[1], name: m[2].trim(), type: m[3], background: (m[4] ?? "").trim() });
  }
  return out;
}

/**
 * The state value at a dot path, looked up through whichever read path holds it: `player.water`
 * is found under a `player` entry or a `player.water` entry. Undefined when the State section
 * does not contain it.
 */
export function stateValue(brief: StoryBrief, path: string): Json | undefined {
  for (const [key, value] of Object.entries(brief.state)) {
    if (key === path) return value;
    if (!path.startsWith(`${key}.`)) continue;
    let node: Json | undefined = value;
    for (const seg of path.slice(key.length + 1).split(".")) {
      if (Array.isArray(node)) node = node[Number(seg)];
      else if (node !== null && typeof node === "object") node = node[seg];
      else return undefined;
    }
    if (node !== undefined) return node;
  }
  return undefined;
}

/** The number at a state path, or undefined when absent or not a number. */
export function stateNumber(brief: StoryBrief, path: string): number | undefined {
  const v = stateValue(brief, path);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}
