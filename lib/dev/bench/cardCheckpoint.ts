/**
 * `npx tsx lib/dev/bench/cardCheckpoint.ts`: what a card's lorebook costs a session's checkpoints.
 * A V2 card with a 100-entry SillyTavern-style book (ST's fields on every entry; 10 disabled, 10
 * regex-only) starts a session (as POST /sessions {card} does), then 3 turns are played with the
 * offline storyteller (deterministic, not an LLM; token delay 0). Prints the latest checkpoint's
 * bytes, the thread's checkpoint bytes in all (checkpoints + writes) and the card book bytes kept in
 * the session's index row. Written to run unchanged on older trees too (docs/cards.md, Cost).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { cardToScenario } from "../../cards/mapping.ts";
import { cardFromJson } from "../../cards/parse.ts";
import { loadEnv } from "../../config/env.ts";
import { silentLogger } from "../../config/logger.ts";
import { StoryEngine } from "../../sessions/engine.ts";
import { V2_CARD } from "../testing/cards.ts";

const ENTRIES = 100;
const TURNS = ["I ask Sera Vell about the Gull.", "I follow her to the lighthouse at high tide.", "I ask who rules the harbour."];

/** Entry i: about 400 characters of content, every field SillyTavern writes. */
function entry(i: number) {
  return {
    id: i,
    keys: i % 10 === 9 ? [`/place${i}s?/i`] : [`place${i}`, `Place ${i}`],
    secondary_keys: [],
    comment: `Place ${i}`,
    content: `Place ${i} of Vell Harbour: ${"fog-bound warehouses, tarred ropes and old lanterns; ".repeat(7)}{{char}} knows it well.`,
    constant: false,
    selective: true,
    insertion_order: 100,
    enabled: i % 10 !== 8,
    position: "after_char",
    use_regex: true,
    extensions: { position: 1, exclude_recursion: false, display_index: i, probability: 100, useProbability: true, depth: 4, selectiveLogic: 0, group: "", role: null },
  };
}

export async function measureCardCheckpoints(): Promise<Record<string, number>> {
  const card = { ...V2_CARD, data: { ...V2_CARD.data, character_book: { name: "Vell places", extensions: {}, entries: Array.from({ length: ENTRIES }, (_, i) => entry(i)) } } };
  const mapped = cardToScenario(cardFromJson(card), { player: "Mara" }) as ReturnType<typeof cardToScenario> & { cardBook?: string };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qs-card-ckpt-"));
  const engine = await StoryEngine.open(loadEnv({ QS_DATA_DIR: dataDir, QS_MODEL_PROVIDER: "offline", QS_EMBEDDINGS: "offline", QS_OFFLINE_TOKEN_DELAY_MS: "0" }), silentLogger);
  try {
    const { id } = await engine.createSession(mapped.scenario, null, { label: "card", ...(mapped.cardBook ? { cardBook: mapped.cardBook } : {}) });
    for (const input of TURNS) await engine.runTurn(id, input, () => undefined);
    await engine.enrichment?.idle();
    const sizes = await engine.checkpointFiles.sizes(id);
    const kept = typeof engine.cardBook === "function" ? await engine.cardBook(id) : undefined;
    return {
      card_json_bytes: Buffer.byteLength(JSON.stringify(card)),
      scenario_json_bytes: Buffer.byteLength(JSON.stringify(mapped.scenario)),
      latest_checkpoint_bytes: sizes.latest,
      checkpoints_kept: sizes.count,
      thread_checkpoint_bytes: sizes.total,
      index_card_book_bytes: kept ? Buffer.byteLength(kept) : 0,
    };
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await measureCardCheckpoints(), null, 2));
