import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { legacySessionOf, type LegacySource } from "./legacyDocs.ts";
import { MigrationSourceError } from "./sourceError.ts";

/** The @langchain/community HNSWLib docstore.json: an array of [key, Document] pairs. */
const DocstoreSchema = z.array(
  z.tuple([z.string(), z.object({ pageContent: z.string(), metadata: z.record(z.string(), z.unknown()).default({}) })]),
);

/**
 * Reads a legacy HNSWLib folder's docstore.json (the old vectors in hnswlib.index are not used:
 * everything is re-embedded). The session of a document is `metadata[sessionKey]`.
 */
export async function readHnswlibFolder(dir: string, sessionKey: string): Promise<LegacySource> {
  const file = path.join(dir, "docstore.json");
  let entries: z.infer<typeof DocstoreSchema>;
  try {
    entries = DocstoreSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (err) {
    const reason = err instanceof z.ZodError ? "not an HNSWLib docstore (expected [key, {pageContent, metadata}] pairs)" : (err as Error).message;
    throw new MigrationSourceError(`cannot read legacy store ${file}: ${reason}`);
  }
  return {
    kind: "hnswlib",
    description: `HNSWLib store ${file}`,
    docs: entries.map(([key, doc]) => ({ key, content: doc.pageContent, metadata: doc.metadata, legacySession: legacySessionOf(doc.metadata[sessionKey]) })),
  };
}
