import { randomBase32 } from "../common/base32.ts";
import type { NewDoc } from "./docs.ts";
import { MemoryValidationError, type MemoryIssue } from "./errors.ts";
import { MemoryInputSchema, defaultImportance, type MemoryInput, type ParsedMemoryInput } from "./types.ts";

/** A new public memory id: "mem_" + 16 base-32 characters (80 random bits). */
export function newMemoryId(): string {
  return `mem_${randomBase32(16)}`;
}

/** Parses every input; throws one error listing all issues if any input is invalid. */
export function validateInputs(inputs: MemoryInput[]): ParsedMemoryInput[] {
  if (!Array.isArray(inputs)) throw new MemoryValidationError([{ index: -1, path: "", message: "expected an array of memories" }]);
  const issues: MemoryIssue[] = [];
  const parsed: ParsedMemoryInput[] = [];
  inputs.forEach((input, index) => {
    const r = MemoryInputSchema.safeParse(input);
    if (r.success) parsed.push(r.data);
    else for (const i of r.error.issues) issues.push({ index, path: i.path.join("."), message: i.message });
  });
  if (issues.length > 0) throw new MemoryValidationError(issues);
  return parsed;
}

/** Applies defaults (importance by scope) and stamps id, turn and time. */
export function toNewDoc(p: ParsedMemoryInput, turn: number, created_at: string): NewDoc {
  return {
    id: newMemoryId(),
    entity_id: p.entity_id,
    content: p.content,
    scope: p.scope,
    visibility: p.visibility,
    importance: p.importance ?? defaultImportance(p.scope),
    related_entities: p.related_entities ?? [],
    turn,
    created_at,
  };
}

/** A turn's memories, validated all-or-nothing and stamped (`add` of either back end). */
export function turnDocs(inputs: MemoryInput[], ctx: { turn: number; now?: Date }): NewDoc[] {
  const parsed = validateInputs(inputs);
  if (!Number.isInteger(ctx.turn) || ctx.turn < 0) throw new MemoryValidationError([{ index: -1, path: "turn", message: "must be an integer ≥ 0" }]);
  const created_at = (ctx.now ?? new Date()).toISOString();
  return parsed.map((p) => toNewDoc(p, ctx.turn, created_at));
}

/** Records from elsewhere (`migrate`), validated all-or-nothing; one doc per record, source_id kept. */
export function importDocs(records: Array<{ input: MemoryInput; turn: number; created_at?: string; source_id: string }>): Array<NewDoc & { source_id: string }> {
  const parsed = validateInputs(records.map((r) => r.input));
  const now = new Date().toISOString();
  return records.map((r, i) => ({ ...toNewDoc(parsed[i], r.turn, r.created_at ?? now), source_id: r.source_id }));
}
