import type { EnrichmentHost } from "../enrichment/worker.ts";
import { classifyWithModel, PermanentEnrichmentError } from "../enrichment/classify.ts";
import type { RelationshipObservation } from "../relationships/types.ts";
import type { StoryEngine } from "./engine.ts";
import { EngineError } from "./errors.ts";

/**
 * How background enrichment reaches a session: the configured model classifies, and the result
 * goes through the same relationship reducer as turn writes, while no turn of the session runs.
 */
export function enrichmentHost(engine: StoryEngine): EnrichmentHost {
  return {
    async classify(task, signal) {
      const state = await engine.getSession(task.session_id).then(
        (s) => s.state,
        (error: unknown) => {
          if (error instanceof EngineError && error.code === "not_found") throw new PermanentEnrichmentError("the session no longer exists");
          throw error;
        },
      );
      const names = Object.fromEntries(state.entities.map((e) => [e.id, e.name]));
      const model = engine.runtime.models.create({ sessionId: task.session_id, turn: task.turn });
      return classifyWithModel(model, task, names, signal);
    },
    async apply(task, result) {
      try {
        return await engine.withIdleSession(task.session_id, async () => {
          const observation: RelationshipObservation = {
            from: task.from,
            to: task.to,
            type: result.type,
            sentiment: result.sentiment,
            strength: Math.max(0.2, Math.abs(result.sentiment)),
            confidence: result.confidence,
            memoryId: task.memory_id,
            turn: task.turn,
            at: new Date().toISOString(),
          };
          await engine.app.updateState({ configurable: { thread_id: task.session_id } }, { relationships: [observation] }, "confirm");
          return true;
        });
      } catch (error) {
        if (error instanceof EngineError && error.code === "not_found") return false;
        throw error;
      }
    },
  };
}
