import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from "express";
import { CardError } from "../lib/cards/schema.ts";
import { UnknownScenarioError } from "../lib/scenarios/catalog.ts";
import type { StoryEngine } from "../lib/sessions/engine.ts";
import { EngineError } from "../lib/sessions/errors.ts";
import { InvalidSessionIdError } from "../lib/common/sessionIds.ts";
import { cardExportRoutes, cardImportRoutes } from "./routes/cards.ts";
import { memoryRoutes } from "./routes/memory.ts";
import { metaRoutes } from "./routes/meta.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { timelineRoutes } from "./routes/timeline.ts";
import { turnRoutes } from "./routes/turns.ts";
import { describeClientError, requestGuards } from "./requestGuards.ts";
import { apiGuards, frontDoor, type SecurityOptions } from "./security/index.ts";

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "public");

/**
 * Builds the HTTP app around an engine (no listen). `routes` mounts extra routers before the
 * error handler (the benchmark adds its baseline route this way); `security` passes loaded keys
 * and rate-limit stores or windows (docs/security.md).
 *
 * Order: Host check, headers and CORS for everything; the page's own files, which are public
 * (they hold no data, and a browser must load them before it can ask for a key); then the API
 * guards (key, limits, ownership of `/sessions/:id…`, quotas) in front of every API route.
 */
export function createApp(engine: StoryEngine, options: { routes?: Router[]; security?: SecurityOptions } = {}): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (engine.env.QS_TRUST_PROXY > 0) app.set("trust proxy", engine.env.QS_TRUST_PROXY);
  app.use(frontDoor(engine));
  app.use(compressed());
  app.get(["/", "/index.html"], pageHandler());
  app.use(express.static(publicDir, { index: false, setHeaders: staticCacheHeaders }));
  app.use(apiGuards(engine, options.security));
  app.use(cardImportRoutes(engine)); // its body is a file (PNG or JSON), not the API's JSON
  app.use(requestGuards());
  app.use(metaRoutes(engine));
  app.use(sessionRoutes(engine));
  app.use(turnRoutes(engine));
  app.use(timelineRoutes(engine));
  app.use(memoryRoutes(engine));
  app.use(cardExportRoutes(engine));
  app.use(metricsRoutes(engine));
  for (const router of options.routes ?? []) app.use(router);
  app.use((req, res) => {
    res.status(404).json({ error: { code: "not_found", message: `no route ${req.method} ${req.path}` } });
  });
  app.use(errorHandler(engine));
  return app;
}

/**
 * gzip/brotli for the page and JSON, never for Server-Sent Events: a turn's tokens must reach the
 * browser as they are written, and a compressor would buffer them (the SSE writer also sends
 * `Cache-Control: no-transform`, which compression honours; this filter says it outright).
 */
function compressed(): RequestHandler {
  return compression({
    filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res),
  });
}

/** A short hash of the page's files: it changes whenever any of them does. */
const assetVersion = createHash("sha256")
  .update(readdirSync(publicDir).sort().map((name) => readFileSync(path.join(publicDir, name))).join("\0"))
  .digest("hex")
  .slice(0, 12);

/**
 * index.html is always revalidated (no-cache + ETag) and names its stylesheets and entry module with
 * `?v=<assetVersion>`, so those can be cached for a year; the modules they import revalidate by ETag.
 */
function pageHandler(): RequestHandler {
  const html = readFileSync(path.join(publicDir, "index.html"), "utf8").replace(
    /(href|src)="([\w-]+\.(?:css|js))"/g,
    (_all, attr: string, file: string) => `${attr}="${file}?v=${assetVersion}"`,
  );
  return (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(html);
  };
}

function staticCacheHeaders(res: express.Response): void {
  const versioned = res.req.query.v === assetVersion;
  res.setHeader("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
}

function errorHandler(engine: StoryEngine): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { status, code, message, details } = describeError(error);
    // A client's mistake is routine (info, no stack); only the server's own failures are errors.
    if (status >= 500) engine.logger.error({ err: error, path: req.path }, "request failed");
    else engine.logger.info({ status, code, method: req.method, path: req.path }, "request refused");
    if (res.headersSent) {
      res.end();
      return;
    }
    // A rate-limited model endpoint said how long to wait: the client gets it too.
    const retryAfterMs = error instanceof EngineError ? error.retryAfterMs : undefined;
    res.status(status).json({ error: { code, message, ...(details ? { details } : {}), ...(retryAfterMs !== undefined ? { retry_after_ms: retryAfterMs } : {}) } });
  };
}

function describeError(error: unknown): { status: number; code: string; message: string; details?: string[] } {
  if (error instanceof EngineError) return { status: error.status, code: error.code, message: error.message, details: error.details };
  if (error instanceof InvalidSessionIdError) return { status: 400, code: "invalid_session_id", message: error.message };
  if (error instanceof UnknownScenarioError) return { status: 400, code: "unknown_scenario", message: error.message };
  if (error instanceof CardError) return { status: 400, code: "invalid_card", message: error.message, ...(error.details.length ? { details: error.details } : {}) };
  return describeClientError(error) ?? { status: 500, code: "internal", message: "internal error; see the server log" };
}
