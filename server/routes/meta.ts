import { Router } from "express";
import { OFFLINE_MODEL_LABEL } from "../../lib/config/env.ts";
import type { StoryEngine } from "../../lib/sessions/engine.ts";
import { principalOf } from "../security/auth.ts";
import { version } from "../version.ts";

/** GET /health and GET /scenarios. */
export function metaRoutes(engine: StoryEngine): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    // Public even with keys on (for probes): the data folder's path is shown only to the admin key
    // (and to the local user when keys are off).
    const { admin } = principalOf(res);
    const models = engine.runtime.models;
    const described = models.describe();
    res.json({
      status: "ok",
      version,
      model: described,
      model_id: models.defaultModel,
      provider: engine.env.QS_MODEL_PROVIDER,
      offline: described === OFFLINE_MODEL_LABEL,
      embeddings: engine.env.QS_EMBEDDINGS,
    });
  });
  router.get("/scenarios", (_req, res) => {
    res.json({ scenarios: engine.sessions.saved.listAll() });
  });
  return router;
}
