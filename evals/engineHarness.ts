import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadEnv, type Env } from "../lib/config/env.ts";
import { silentLogger } from "../lib/config/logger.ts";
import type { TurnRecord } from "../graph/records.ts";
import type { ChatModelFactory } from "../lib/models/factory.ts";
import { StoryEngine } from "../lib/sessions/engine.ts";
import type { ToolCallRecord } from "../lib/tools/records.ts";
import type { TurnMetrics } from "../lib/metrics/turnMetrics.ts";
import type { PromptVariant } from "../lib/prompts/variants.ts";

/** One eval turn: a fresh session of a bundled scenario, optional setup turns, then the turn graded. */
export interface EvalTurnRequest {
  variant: PromptVariant;
  scenario: string;
  input: string;
  /** Player inputs replayed (with the same variant) before the graded turn. */
  setup: string[];
}

/** What the provider hands promptfoo as response metadata; the assertions read it. */
export interface EvalTurnMetadata {
  variant: PromptVariant;
  /** Human-readable model name (the offline storyteller says it is not an LLM). */
  model: string;
  scenario: string;
  /** Every tool call of the graded turn: engine reads, model writes and repairs. */
  toolCalls: ToolCallRecord[];
  metrics: TurnMetrics;
  /** The session's entities after the turn (incl. characters created this turn). */
  cast: Array<{ id: string; name: string }>;
  setupTurns: number;
}

/** True when the eval should use the configured OpenAI-compatible endpoint instead of the offline model. */
export function isRealEval(source: NodeJS.ProcessEnv = process.env): boolean {
  return source.QS_EVAL_REAL === "1" || source.QS_EVAL_REAL === "true";
}

/**
 * The engine's environment for an eval run: a private data directory, silent logs and, offline,
 * the offline storyteller and offline embeddings whatever the shell says (so offline runs never
 * touch the network and are reproducible). With `real`, the model settings come from the env.
 */
export function evalEnv(real: boolean, dataDir: string, source: NodeJS.ProcessEnv = process.env): Env {
  const base: NodeJS.ProcessEnv = { ...source, QS_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  if (real) return loadEnv({ ...base, QS_MODEL_PROVIDER: "openai" });
  const { QS_MODEL: _model, ...offline } = base;
  return loadEnv({ ...offline, QS_MODEL_PROVIDER: "offline", QS_EMBEDDINGS: "offline", QS_OFFLINE_TOKEN_DELAY_MS: "0" });
}

/**
 * Seeds the offline storyteller by eval case instead of by the (random) session id, so the same
 * case gives the same turn on every run. Real models ignore the session id, so this is a no-op
 * for them.
 */
function seedByCase(models: ChatModelFactory, seeds: Map<string, string>): ChatModelFactory {
  return { ...models, create: (request) => models.create({ ...request, sessionId: seeds.get(request.sessionId) ?? request.sessionId }) };
}

/** A story engine on a temporary data directory, for running eval turns; `close()` removes it. */
export class EvalEngine {
  private closed = false;
  /** promptfoo skips provider cleanup when it exits 100 (failed assertions): remove the directory then. */
  private readonly removeOnExit = () => rmSync(this.dataDir, { recursive: true, force: true });

  private constructor(
    private readonly engine: StoryEngine,
    private readonly dataDir: string,
    private readonly seeds: Map<string, string>,
  ) {
    process.once("exit", this.removeOnExit);
  }

  /** Opens an engine in a fresh directory under the OS temp dir. */
  static async open(real = isRealEval()): Promise<EvalEngine> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-eval-"));
    const seeds = new Map<string, string>();
    const engine = await StoryEngine.open(evalEnv(real, dataDir), silentLogger, { wrapModels: (models) => seedByCase(models, seeds) });
    return new EvalEngine(engine, dataDir, seeds);
  }

  /** The model the turns use, as a person should read it. */
  get model(): string {
    return this.engine.runtime.models.describe();
  }

  /** Plays the setup inputs and the graded turn on a new session (removed with the directory on close). */
  async play(request: EvalTurnRequest): Promise<{ record: TurnRecord; metadata: EvalTurnMetadata }> {
    if (this.closed) throw new Error("the eval engine is closed");
    const session = await this.engine.createSession(request.scenario);
    this.seeds.set(session.id, `eval:${request.scenario}:${[...request.setup, request.input].join(" / ")}`);
    const configuration = { promptVariant: request.variant };
    const ignore = () => undefined;
    try {
      for (const input of request.setup) await this.engine.runTurn(session.id, input, ignore, { configuration });
      const record = await this.engine.runTurn(session.id, request.input, ignore, { configuration });
      const { state } = await this.engine.getSession(session.id);
      return {
        record,
        metadata: {
          variant: request.variant,
          model: this.model,
          scenario: request.scenario,
          toolCalls: record.tool_calls,
          metrics: record.metrics,
          cast: state.entities.map((e) => ({ id: e.id, name: e.name })),
          setupTurns: request.setup.length,
        },
      };
    } finally {
      this.seeds.delete(session.id);
    }
  }

  /** Closes the engine and removes its data directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    process.off("exit", this.removeOnExit);
    try {
      await this.engine.close(2_000);
    } finally {
      this.removeOnExit();
    }
  }
}
