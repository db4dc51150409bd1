/**
 * Deterministic embeddings for `POST /v1/embeddings`: a signed, hashed bag of words, L2-normalised.
 * Texts sharing words get a positive cosine similarity, so retrieval tests behave sensibly offline.
 */
import { z } from "zod";
import { fnv1a } from "../../common/seededRandom.ts";
import { countTokens } from "./tokens.ts";

/** Default vector size when the request has no `dimensions`. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 64;

/** Body of an embeddings request (strings or token arrays, as the OpenAI API accepts). */
export const EmbeddingRequestSchema = z.looseObject({
  model: z.string().optional(),
  input: z.union([
    z.string(),
    z.array(z.string()),
    z.array(z.number()),
    z.array(z.array(z.number())),
  ]),
  dimensions: z.number().int().min(1).max(8192).optional(),
  encoding_format: z.enum(["float", "base64"]).optional(),
});

/** A parsed embeddings request. */
export type EmbeddingRequest = z.infer<typeof EmbeddingRequestSchema>;

/** Embeds one text: each lower-cased word adds ±1 at a hashed index; the result has unit length. */
export function embedText(text: string, dimensions = DEFAULT_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const h = fnv1a(word);
    vector[h % dimensions] += (h >>> 31) === 1 ? -1 : 1;
  }
  let norm = Math.hypot(...vector);
  if (norm === 0) {
    vector[0] = 1; // empty or cancelled-out text: a fixed unit vector rather than NaNs
    norm = 1;
  }
  return vector.map((v) => Math.fround(v / norm));
}

function inputsOf(input: EmbeddingRequest["input"]): string[] {
  if (typeof input === "string") return [input];
  if (input.length === 0) return [];
  if (typeof input[0] === "number") return [(input as number[]).join(" ")];
  return (input as Array<string | number[]>).map((item) => (typeof item === "string" ? item : item.join(" ")));
}

/** Encodes a vector as OpenAI does for `encoding_format: "base64"`: little-endian float32 bytes. */
export function toBase64Float32(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

/** Builds the response body of an embeddings request. */
export function embeddingsResponse(req: EmbeddingRequest, defaultModel: string): Record<string, unknown> {
  const texts = inputsOf(req.input);
  const dimensions = req.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  const tokens = texts.reduce((sum, text) => sum + countTokens(text), 0);
  return {
    object: "list",
    model: req.model ?? defaultModel,
    data: texts.map((text, index) => {
      const vector = embedText(text, dimensions);
      return {
        object: "embedding",
        index,
        embedding: req.encoding_format === "base64" ? toBase64Float32(vector) : vector,
      };
    }),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
