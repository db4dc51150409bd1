import { describe, expect, it } from "vitest";
import { loadEnv } from "../config/env.ts";
import { createChatModelFactory, OPENS_THINK_BLOCK } from "./factory.ts";

describe("chat model factory: models whose answers carry only </think>", () => {
  const env = (extra: Record<string, string> = {}) => loadEnv({ QS_MODEL_PROVIDER: "openai", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", ...extra });

  it("withholds text until </think> from the first turn for families whose templates open the block", () => {
    const models = createChatModelFactory(env());
    for (const name of ["deepseek-r1:14b", "DeepSeek-R1-Distill-Qwen-7B", "qwq:32b", "Qwen3-30B-A3B-Thinking"]) {
      expect(OPENS_THINK_BLOCK.test(name), name).toBe(true);
      expect(models.holdsUntilThinkClose(name), name).toBe(true);
    }
    expect(models.holdsUntilThinkClose("llama3.1")).toBe(false);
    expect(models.holdsUntilThinkClose("gpt-4o-mini")).toBe(false);
  });

  it("learns any other model after its first bare </think>, and QS_REASONING_TAGS=closing holds every model", () => {
    const models = createChatModelFactory(env());
    models.noteBareThinkClose("my-local-model");
    expect(models.holdsUntilThinkClose("my-local-model")).toBe(true);
    expect(createChatModelFactory(env({ QS_REASONING_TAGS: "closing" })).holdsUntilThinkClose("llama3.1")).toBe(true);
  });

  it("never holds the offline storyteller's text", () => {
    expect(createChatModelFactory(loadEnv({ QS_REASONING_TAGS: "closing" })).holdsUntilThinkClose()).toBe(false);
  });
});
