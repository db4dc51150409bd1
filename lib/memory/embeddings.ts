import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import { fnv1a } from "../common/seededRandom.ts";

/** Options of the offline embedder. */
export interface HashedNgramOptions extends EmbeddingsParams {
  /** Vector length (default 256). Part of the embedder's identity: changing it needs `reembed`. */
  dimension?: number;
}

// Feature weights: whole words carry most meaning, bigrams add word order, and character
// n-grams make "traveller"/"travellers"/"travelers" land close to each other.
const W_WORD = 1.0;
const W_BIGRAM = 0.7;
const W_CHAR = 0.25;

/** Very light suffix stripping, enough to merge plurals and simple verb forms. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("es")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** Lowercase, strip punctuation (keeping letters/digits of any script), split on whitespace. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map(stem);
}

/**
 * Offline default embedder: signed feature hashing of word unigrams, word bigrams and character
 * 3/4-grams, L2-normalised. No download, no network, deterministic, microseconds per text.
 * Good enough for lexical recall of short memories; use a real model (see `createEmbeddings`) for
 * paraphrase-level similarity.
 */
export class HashedNgramEmbeddings extends Embeddings {
  /** Recorded in meta.json; any change to the hashing scheme must bump this id. */
  readonly id = "hashed-ngram-v1";
  readonly dimension: number;

  constructor(options: HashedNgramOptions = {}) {
    super(options);
    const dim = options.dimension ?? 256;
    if (!Number.isInteger(dim) || dim < 8 || dim > 8192) throw new RangeError(`dimension must be an integer in 8..8192, got ${dim}`);
    this.dimension = dim;
  }

  /** Embeds one text synchronously (the async methods wrap this). */
  embedSync(text: string): number[] {
    const v = new Float64Array(this.dimension);
    const add = (feature: string, weight: number): void => {
      const h = fnv1a(feature);
      // The sign comes from a bit not used by the modulo so collisions cancel out on average.
      const sign = (fnv1a(feature, 0x9747b28c) & 1) === 0 ? 1 : -1;
      v[h % this.dimension] += sign * weight;
    };
    const words = tokenize(text);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      add(`w:${w}`, W_WORD);
      if (i + 1 < words.length) add(`b:${w} ${words[i + 1]}`, W_BIGRAM);
      const padded = ` ${w} `;
      for (const n of [3, 4]) {
        for (let j = 0; j + n <= padded.length; j++) add(`c${n}:${padded.slice(j, j + n)}`, W_CHAR);
      }
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    const out = new Array<number>(this.dimension);
    // An empty text gets a zero vector; hnswlib's cosine space would divide by zero, so use a
    // fixed unit vector instead (it is equally far from everything meaningful).
    if (norm === 0) {
      out.fill(0);
      out[0] = 1;
      return out;
    }
    for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
    return out;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedSync(d));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return this.embedSync(document);
  }
}

/** Which embedder to use (from the env by `embeddingSettings`). */
export interface EmbeddingSettings {
  provider: "offline" | "openai";
  /** OpenAI-compatible model name (default "text-embedding-3-small"). */
  model?: string;
  /** OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama. */
  baseURL?: string;
  apiKey?: string;
  /** Offline: vector length. OpenAI text-embedding-3-*: requested output size. */
  dimensions?: number;
}

/** An embedder plus the identity recorded in each session's meta.json. */
export interface EmbeddingsHandle {
  embeddings: Embeddings;
  /** Stable id; a store built with another id refuses to open (EmbedderMismatchError). */
  id: string;
  /** Vector length if known up front; otherwise the store learns it from the first embedding. */
  dimension: number | undefined;
}

// Sizes of well-known models, so a new session does not need a probe call to learn them.
const KNOWN_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
  "nomic-embed-text": 768,
};

/** Builds the configured embedder (offline hashed n-grams, or any OpenAI-compatible endpoint). */
export function createEmbeddings(settings: EmbeddingSettings): EmbeddingsHandle {
  if (settings.provider === "offline") {
    const embeddings = new HashedNgramEmbeddings({ dimension: settings.dimensions });
    // The dimension is checked on its own (meta.json), so the id names only the hashing scheme.
    return { embeddings, id: embeddings.id, dimension: embeddings.dimension };
  }
  const model = settings.model ?? "text-embedding-3-small";
  const host = settings.baseURL ? new URL(settings.baseURL).host : "api.openai.com";
  // Local servers (Ollama, LM Studio) ignore the key, but the OpenAI client refuses to start without one.
  const apiKey = settings.apiKey ?? (settings.baseURL ? "not-needed" : undefined);
  if (!apiKey) throw new Error("QS_EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)");
  const embeddings = new OpenAIEmbeddings({
    model,
    apiKey,
    dimensions: settings.dimensions,
    configuration: settings.baseURL ? { baseURL: settings.baseURL } : undefined,
  });
  const baseName = model.split(":")[0];
  return {
    embeddings,
    id: `openai:${model}@${host}`,
    dimension: settings.dimensions ?? KNOWN_DIMENSIONS[baseName],
  };
}
