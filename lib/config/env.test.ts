import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, modelName } from "./env.ts";

describe("environment", () => {
  it("defaults to the offline storyteller and ./data", () => {
    const env = loadEnv({});
    expect(env.QS_MODEL_PROVIDER).toBe("offline");
    expect(env.QS_DATA_DIR).toBe(path.resolve("./data"));
    expect(env.PORT).toBe(3000);
    expect(modelName(env)).toBe("offline-storyteller");
  });

  it("treats empty values as unset", () => {
    expect(loadEnv({ OPENAI_BASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("lists every problem at once", () => {
    try {
      loadEnv({ PORT: "eighty", QS_MODEL_PROVIDER: "claude", OPENAI_BASE_URL: "not a url" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/QS_MODEL_PROVIDER/);
      expect(problems).toMatch(/OPENAI_BASE_URL/);
    }
  });

  it("needs a key or a base URL for the openai provider", () => {
    expect(() => loadEnv({ QS_MODEL_PROVIDER: "openai" })).toThrow(/OPENAI_API_KEY/);
    const ollama = loadEnv({ QS_MODEL_PROVIDER: "openai", OPENAI_BASE_URL: "http://localhost:11434/v1", QS_MODEL: "llama3.1" });
    expect(modelName(ollama)).toBe("llama3.1");
  });
});
