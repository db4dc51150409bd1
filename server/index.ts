import { EnvError, loadEnv } from "../lib/config/env.ts";
import { createLogger } from "../lib/config/logger.ts";
import { ApiKeyConfigError, ApiKeys } from "./security/apiKeys.ts";
import { bindRefusal } from "./security/exposure.ts";

/** Starts the API: validates the environment, opens the engine, listens, and shuts down cleanly. */
async function main(): Promise<void> {
  let env;
  let keys;
  try {
    env = loadEnv();
    keys = ApiKeys.fromEnv(env);
  } catch (error) {
    if (error instanceof EnvError || error instanceof ApiKeyConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const refusal = bindRefusal(env, keys.enabled);
  if (refusal) {
    process.stderr.write(`${refusal}\n`);
    process.exit(2);
  }
  const logger = createLogger(env.LOG_LEVEL);
  if (keys.enabled) logger.info({ keys: keys.size }, "API keys on: every route except /health needs Authorization: Bearer <key>");
  else if (env.QS_ALLOW_PUBLIC_WITHOUT_KEYS) logger.warn({ host: env.HOST }, "listening without API keys on a public address (QS_ALLOW_PUBLIC_WITHOUT_KEYS=1)");
  // Loaded only once the configuration is known to be good, so a refusal above is immediate.
  const [{ StoryEngine }, { createApp }] = await Promise.all([import("../lib/sessions/engine.ts"), import("./app.ts")]);
  const engine = await StoryEngine.open(env, logger);
  await engine.warmUp();
  const server = createApp(engine, { security: { keys } }).listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    logger.info({ url: `http://${env.HOST}:${port}/`, model: engine.runtime.models.describe(), dataDir: env.QS_DATA_DIR }, "QuietStories is listening");
    process.stdout.write(`QuietStories is serving http://${env.HOST}:${port}/ (model: ${engine.runtime.models.describe()})\n`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight turns");
    server.close();
    server.closeIdleConnections();
    engine
      .close()
      .then(() => {
        logger.info("stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

void main();
