import express, { Router, type ErrorRequestHandler, type Request, type Response } from "express";
import { z } from "zod";
import { exportCard } from "../../lib/cards/export.ts";
import { cardToScenario, type MappedCard } from "../../lib/cards/mapping.ts";
import { cardFromJson, parseCardFile } from "../../lib/cards/parse.ts";
import { CARD_LIMITS } from "../../lib/cards/schema.ts";
import { SavedScenarioQuotaError } from "../../lib/scenarios/saved.ts";
import { EntityIdSchema } from "../../lib/scenarios/schema.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { EngineError } from "../../lib/sessions/errors.ts";
import { findBadText } from "../requestGuards.ts";
import { principalOf } from "../security/auth.ts";
import { parseOr400, sessionIdParam } from "../validation.ts";

const PlayerName = z.string().trim().min(1, "player must not be empty").max(80, "player is longer than 80 characters");

const ImportQuery = z.strictObject({
  save: z.enum(["0", "1"], { error: "save is 1 or 0" }).optional(),
  player: PlayerName.optional(),
});

const CARD_TYPES = ["image/png", "application/json"];

/** A card file body larger than a PNG card may be: 413 with this route's own limit. */
const tooLarge: ErrorRequestHandler = (error: { type?: unknown }, _req, _res, next) => {
  next(error?.type === "entity.too.large" ? new EngineError("body_too_large", 413, `a card file may be at most ${CARD_LIMITS.pngBytes} bytes (PNG) or ${CARD_LIMITS.jsonBytes} bytes (JSON)`) : error);
};

function requireCardType(req: Request): void {
  if (!CARD_TYPES.some((t) => req.is(t))) {
    throw new EngineError("unsupported_media_type", 415, `send the card file as image/png or application/json (got ${req.headers["content-type"] ?? "no content type"})`);
  }
}

/**
 * POST /scenarios/import: a character card file (PNG or JSON) as the raw body → the scenario it
 * makes, validated; `?save=1` also keeps it under the data folder so GET /scenarios lists it.
 * Mounted before the JSON-only body guards, because its body is a file (docs/cards.md).
 */
export function cardImportRoutes(engine: StoryEngine): Router {
  const router = Router();
  router.post("/scenarios/import", express.raw({ type: () => true, limit: CARD_LIMITS.pngBytes }), tooLarge, (req: Request, res: Response) => {
    requireCardType(req);
    const bad = findBadText(req.query, "query");
    if (bad.length > 0) throw new EngineError("invalid_text", 400, "text must be valid Unicode without NUL characters", bad);
    const query = parseOr400(ImportQuery, req.query, "query");
    const body: unknown = req.body;
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    if (bytes.length === 0) throw new EngineError("invalid_card", 400, "the body is empty: send the card file");
    const { card, format, json } = parseCardFile(bytes, req.headers["content-type"]);
    const badText = findBadText(card.data, "card");
    if (badText.length > 0) throw new EngineError("invalid_card", 400, "the card's text must be valid Unicode without NUL characters", badText);
    const { scenario, warnings, cardBook } = cardToScenario(card, { player: query.player });
    let saved: string | undefined;
    if (query.save === "1") {
      // Saved scenarios are the server's shared catalogue (like the bundled ones): the admin's to change.
      if (!principalOf(res).admin) throw new EngineError("admin_only", 403, "saving a scenario (?save=1) needs the admin key");
      try {
        saved = engine.sessions.saved.save(scenario, cardBook);
      } catch (error) {
        if (error instanceof SavedScenarioQuotaError) throw new EngineError("scenario_quota", 429, error.message);
        throw error;
      }
      engine.logger.info({ scenario: saved, spec: card.spec }, "card scenario saved");
    }
    res.status(saved ? 201 : 200).json({
      card: { spec: card.spec, spec_version: card.spec_version, name: card.data.name, format },
      // The card as the file holds it: POST /sessions {card: card_json} starts a story that keeps its lorebook.
      card_json: json,
      scenario,
      warnings,
      ...(saved ? { saved: { name: saved } } : {}),
    });
  });
  return router;
}

/** POST /sessions's `{card, player?}`: the card as a scenario and what the import left out (400 invalid_card for a bad card). */
export function scenarioFromCardBody(card: unknown, player: string | undefined): MappedCard {
  return cardToScenario(cardFromJson(card), { player });
}

/** GET /sessions/:id/characters/:entity/card: a cast member as a character card (JSON; V3 when it came from a V3 card, else V2). */
export function cardExportRoutes(engine: StoryEngine): Router {
  const router = Router();
  router.get("/sessions/:id/characters/:entity/card", sessionIdParam, async (req, res) => {
    const entityId = parseOr400(EntityIdSchema, req.params.entity, "entity id");
    const { state } = await engine.getSession(req.params.id as string);
    const entity = state.entities.find((e) => e.id === entityId);
    if (!entity) throw new EngineError("unknown_entity", 404, `session ${req.params.id as string} has no cast member "${entityId}"`);
    if (entity.type !== "character") throw new EngineError("not_a_character", 400, `"${entityId}" is a ${entity.type}; only characters export as cards`);
    const card = exportCard({ ...state, cardBook: await engine.cardBook(req.params.id as string) }, entity, { sessionId: req.params.id as string });
    res.setHeader("Content-Disposition", `attachment; filename="${entity.id}.card.json"`);
    res.json(card);
  });
  return router;
}
