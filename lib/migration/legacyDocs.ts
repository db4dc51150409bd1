import { createHash } from "node:crypto";
import type { ImportRecord } from "../memory/session.ts";
import { MEMORY_SCOPES, VISIBILITIES, type MemoryScope, type Visibility } from "../memory/types.ts";

/** Metadata of a legacy document as its store kept it (JSON values). */
export type LegacyMeta = Record<string, unknown>;

/** One document read from a legacy store, before it is mapped to a memory. */
export interface LegacyDoc {
  /** Identifies the document inside its source (docstore key, Chroma collection + embedding id). */
  key: string;
  /** The text; may be empty (counted and skipped by the migration). */
  content: string;
  metadata: LegacyMeta;
  /** The legacy session the document belongs to, when the source knows it (metadata or collection name). */
  legacySession?: string;
}

/** What a source reader hands the migration: the documents and a line saying what was read. */
export interface LegacySource {
  kind: "hnswlib" | "chroma";
  /** Human-readable: which file, which layout, which collection(s). */
  description: string;
  docs: LegacyDoc[];
}

/** Longest memory text the store accepts; longer legacy texts are cut and counted. */
export const MAX_CONTENT = 2000;

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** A legacy session id as a string (Chroma may hold it as an int); undefined when absent. */
export function legacySessionOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  const s = str(value);
  return s && s.length <= 200 ? s : undefined;
}

/**
 * A legacy entity id as an entity id of this engine (lowercase slug, as scenarios require), so
 * the memory's holder and the cast entry the extractor resolves are the same id.
 */
export function entitySlug(value: unknown): string {
  const raw = str(value)?.toLowerCase() ?? "";
  const slug = raw.replace(/[^a-z0-9_-]+/g, "_").replace(/^[^a-z]+/, "").slice(0, 40).replace(/_+$/, "");
  return slug === "" ? "world" : slug;
}

/** "old_bess" → "Old Bess": a display name for a legacy entity that has none. */
export function displayName(slug: string): string {
  return slug
    .split(/[_-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" ");
}

function relatedEntities(v: unknown): string[] | undefined {
  let list: unknown = v;
  // Chroma (before array metadata) only stored scalars: lists were kept as JSON or comma-joined text.
  if (typeof v === "string") {
    try {
      list = JSON.parse(v);
    } catch {
      list = v.split(",");
    }
  }
  if (!Array.isArray(list)) return undefined;
  const ids = list.filter((x): x is string => typeof x === "string" && x.trim() !== "").map(entitySlug);
  return ids.length > 0 ? [...new Set(ids)].slice(0, 16) : undefined;
}

/** Unix seconds (Python's time.time()), milliseconds or ISO text → ISO; undefined when unreadable. */
function timestamp(v: unknown): string | undefined {
  let date: Date | undefined;
  if (typeof v === "number" && Number.isFinite(v)) date = new Date(v < 1e11 ? v * 1000 : v);
  else if (typeof v === "string" && v.trim() !== "") date = new Date(/^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) * 1000 : v);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function turnOf(v: unknown): number {
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : 0;
}

/**
 * Maps one legacy document to an import record. Unknown or invalid metadata falls back to
 * defaults instead of failing, because legacy stores were written by several engine versions.
 * `content` is the (already trimmed and cut) text.
 */
export function toImportRecord(doc: LegacyDoc, content: string): ImportRecord {
  const meta = doc.metadata;
  const scopeRaw = meta.scope ?? meta.memory_type;
  const scope = MEMORY_SCOPES.includes(scopeRaw as MemoryScope) ? (scopeRaw as MemoryScope) : "general";
  const visibility = VISIBILITIES.includes(meta.visibility as Visibility) ? (meta.visibility as Visibility) : "private";
  const importance = typeof meta.importance === "number" && Number.isFinite(meta.importance) ? Math.min(1, Math.max(0, meta.importance)) : undefined;
  return {
    input: {
      entity_id: entitySlug(meta.entity_id ?? meta.entity),
      content,
      scope,
      visibility,
      importance,
      related_entities: relatedEntities(meta.related_entities),
    },
    turn: turnOf(meta.turn),
    created_at: timestamp(meta.created_at ?? meta.timestamp),
    // Key + content hash: stable across runs (idempotency) and distinct if two legacy stores
    // that reuse the same keys are migrated into one data dir.
    source_id: `legacy:${doc.key}:${createHash("sha256").update(content).digest("hex").slice(0, 16)}`,
  };
}

/** The entity's display name the legacy metadata gives, if any. */
export function legacyEntityName(meta: LegacyMeta): string | undefined {
  const name = str(meta.entity_name) ?? str(meta.character_name);
  return name?.slice(0, 80);
}
