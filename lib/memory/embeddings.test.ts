import path from "node:path";
import { describe, expect, it } from "vitest";
import { HashedNgramEmbeddings, createEmbeddings, tokenize } from "./embeddings.ts";
import { embeddingsFromEnv, resolveDataDir } from "./embeddingsFromEnv.ts";

const cos = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);

describe("HashedNgramEmbeddings", () => {
  const emb = new HashedNgramEmbeddings();

  it("is deterministic, L2-normalised and of the configured dimension", async () => {
    const [a, b] = await emb.embedDocuments(["Tomas shares water at the well", "Tomas shares water at the well"]);
    expect(a).toHaveLength(256);
    expect(a).toEqual(b);
    expect(Math.sqrt(cos(a, a))).toBeCloseTo(1, 6);
    expect((await new HashedNgramEmbeddings({ dimension: 64 }).embedQuery("x"))).toHaveLength(64);
    expect(emb.id).toBe("hashed-ngram-v1");
  });

  it("ignores case and punctuation and merges simple plurals", async () => {
    expect(tokenize("Travellers, at the WELL!")).toEqual(["traveller", "at", "the", "well"]);
    expect(await emb.embedQuery("The well.")).toEqual(await emb.embedQuery("the WELL"));
  });

  it("puts related texts closer than unrelated ones", async () => {
    const [q, near, far] = await emb.embedDocuments([
      "who shared water with the traveller?",
      "Tomas shares water with the traveller at the well",
      "Mara distrusts the mayor of the river town",
    ]);
    expect(cos(q, near)).toBeGreaterThan(cos(q, far) + 0.2);
  });

  it("gives an empty text a valid unit vector", async () => {
    const v = await emb.embedQuery("!!!");
    expect(Math.sqrt(cos(v, v))).toBeCloseTo(1, 6);
  });

  // Speed (µs per text) is measured by `npm run bench -- embedder`, not asserted here.
  it("rejects silly dimensions", () => {
    expect(() => new HashedNgramEmbeddings({ dimension: 3 })).toThrow(RangeError);
  });
});

describe("createEmbeddings / embeddingsFromEnv", () => {
  it("defaults to the offline embedder", () => {
    const h = embeddingsFromEnv({});
    expect(h.id).toBe("hashed-ngram-v1");
    expect(h.dimension).toBe(256);
    expect(h.embeddings).toBeInstanceOf(HashedNgramEmbeddings);
  });

  it("names OpenAI-compatible embedders by model and host, and knows common dimensions", () => {
    const ollama = createEmbeddings({ provider: "openai", model: "nomic-embed-text", baseURL: "http://localhost:11434/v1" });
    expect(ollama.id).toBe("openai:nomic-embed-text@localhost:11434");
    expect(ollama.dimension).toBe(768);
    const unknown = embeddingsFromEnv({ QS_EMBEDDINGS: "openai", QS_EMBEDDING_MODEL: "my-model", OPENAI_BASE_URL: "http://127.0.0.1:1234/v1" });
    expect(unknown.dimension).toBeUndefined();
    const openai = embeddingsFromEnv({ QS_EMBEDDINGS: "openai", OPENAI_API_KEY: "sk-test" });
    expect(openai.id).toBe("openai:text-embedding-3-small@api.openai.com");
    expect(openai.dimension).toBe(1536);
  });

  it("explains a bad configuration", () => {
    expect(() => embeddingsFromEnv({ QS_EMBEDDINGS: "magic" })).toThrow(/invalid embedding configuration: QS_EMBEDDINGS/);
    expect(() => embeddingsFromEnv({ QS_EMBEDDINGS: "openai" })).toThrow(/OPENAI_API_KEY/);
  });

  it("resolves the data dir from flag, env, default", () => {
    expect(resolveDataDir("/x/flag", { QS_DATA_DIR: "/x/env" })).toBe("/x/flag");
    expect(resolveDataDir(undefined, { QS_DATA_DIR: "/x/env" })).toBe("/x/env");
    expect(resolveDataDir(undefined, {})).toBe(path.resolve("./data"));
  });
});
