import type { EnrichmentResult, NewEnrichmentTask } from "../enrichment/queue.ts";
import type { EnrichmentHost } from "../enrichment/worker.ts";
import { classifyWithModel, PermanentEnrichmentError } from "../enrichment/classify.ts";
import { readingsOfPair } from "../enrichment/request.ts";
import type { ChatModelFactory } from "../models/factory.ts";
import type { Entity } from "../scenarios/schema.ts";
import { TYPE_SIGN, type RelationshipObservation } from "../relationships/types.ts";
import { EngineError } from "./errors.ts";

/** What enrichment needs from the engine: a session's cast and turn, and the one way to write its graph. */
export interface EnrichmentTarget {
  models: ChatModelFactory;
  session(sessionId: string): Promise<{ entities: Entity[]; turn: number }>;
  /** Merges observations through the graph's reducer while no turn of the session runs. */
  applyRelationships(sessionId: string, observations: RelationshipObservation[]): Promise<void>;
}

/**
 * The graph observations an enrichment result makes (also re-applied after a rewind or fork): one per
 * edge of the answer, none for an empty answer. The model's answer is untrusted: a type with a fixed
 * sign takes that sign ("trust" at -0.8 is trust at 0.8), so the graph never holds a positive type
 * with a negative sentiment; only a family tie takes its sign from the answer (the task keeps the
 * answer as given).
 */
export function observationsOf(task: NewEnrichmentTask, result: EnrichmentResult, at = new Date()): RelationshipObservation[] {
  return result.edges.map((e) => {
    const sign = TYPE_SIGN[e.type];
    return {
      from: e.from,
      to: e.to,
      type: e.type,
      sentiment: sign === 0 ? e.sentiment : sign * Math.abs(e.sentiment),
      strength: Math.max(0.2, Math.abs(e.sentiment)),
      confidence: result.confidence,
      memoryId: task.memory_id,
      turn: task.turn,
      at: at.toISOString(),
    };
  });
}

const isGone = (error: unknown) => error instanceof EngineError && error.code === "not_found";

/**
 * How background enrichment reaches a session: the configured model classifies, and the result
 * goes through the same relationship reducer as turn writes, while no turn of the session runs.
 */
export function enrichmentHost(target: EnrichmentTarget): EnrichmentHost {
  return {
    async classify(task, signal) {
      const { entities, turn } = await target.session(task.session_id).catch((error: unknown) => {
        if (isGone(error)) throw new PermanentEnrichmentError("the session no longer exists");
        throw error;
      });
      // Queued by a turn that never committed (the process died before its checkpoint).
      if (task.turn > turn) throw new PermanentEnrichmentError(`turn ${task.turn} never committed (the session is at turn ${turn})`);
      const names = Object.fromEntries(entities.map((e) => [e.id, e.name]));
      const model = target.models.create({ sessionId: task.session_id, turn: task.turn });
      return classifyWithModel(model, task, names, { signal, readings: readingsOfPair(task, entities) });
    },
    async apply(task, result) {
      try {
        const observations = observationsOf(task, result);
        // No edge: the model saw no feeling between them; the task is done and the graph untouched.
        if (observations.length > 0) await target.applyRelationships(task.session_id, observations);
        return true;
      } catch (error) {
        if (isGone(error)) return false;
        throw error;
      }
    },
  };
}
