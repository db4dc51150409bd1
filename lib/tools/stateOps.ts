import { z } from "zod";
import { JsonSchema, type Json, type JsonObject } from "../common/json.ts";
import { parsePath } from "./statePaths.ts";

export const STATE_OPS = ["set", "inc", "dec", "push", "remove"] as const;

export const StateOpSchema = z.strictObject({
  op: z.enum(STATE_OPS),
  path: z.string().min(1).max(200),
  value: JsonSchema.optional(),
});
export type StateOp = z.infer<typeof StateOpSchema>;

export type ApplyResult = { ok: true; state: JsonObject; changed: string[] } | { ok: false; errors: string[] };

/**
 * Applies a batch of ops to a copy of the state: all or nothing. Returns the new state and
 * the paths it changed, or every reason the batch was refused (the input is never mutated).
 */
export function applyStateOps(state: JsonObject, ops: StateOp[]): ApplyResult {
  const next = structuredClone(state);
  const errors: string[] = [];
  ops.forEach((op, i) => {
    const error = applyOne(next, op);
    if (error) errors.push(`ops[${i}] ${op.op} ${op.path}: ${error}`);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, state: next, changed: [...new Set(ops.map((o) => o.path))] };
}

type Container = JsonObject | Json[];

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Walks to the parent of the last segment, creating objects for missing keys when asked. */
function parentOf(root: JsonObject, segments: string[], create: boolean): Container | string {
  let node: Container = root;
  for (const seg of segments.slice(0, -1)) {
    const child: Json | undefined = Array.isArray(node) ? node[Number(seg)] : node[seg];
    if (child === undefined && create && !Array.isArray(node)) {
      const fresh: JsonObject = {};
      node[seg] = fresh;
      node = fresh;
    } else if (isObject(child) || Array.isArray(child)) {
      node = child;
    } else {
      return `"${seg}" is ${child === undefined ? "missing" : "not an object or array"}`;
    }
  }
  return node;
}

function read(container: Container, key: string): Json | undefined {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

function write(container: Container, key: string, value: Json): string | undefined {
  if (Array.isArray(container)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index > container.length) return `index ${key} is out of range`;
    container[index] = value;
  } else {
    container[key] = value;
  }
  return undefined;
}

function applyOne(root: JsonObject, op: StateOp): string | undefined {
  const segments = parsePath(op.path);
  if (typeof segments === "string") return segments;
  const last = segments[segments.length - 1];
  const parent = parentOf(root, segments, op.op !== "remove");
  if (typeof parent === "string") return parent;
  const current = read(parent, last);

  switch (op.op) {
    case "set":
      if (op.value === undefined) return "set needs a value";
      return write(parent, last, op.value);
    case "inc":
    case "dec": {
      const amount = op.value ?? 1;
      if (typeof amount !== "number" || !Number.isFinite(amount)) return `${op.op} needs a numeric value`;
      if (current !== undefined && typeof current !== "number") return "target is not a number";
      const base = current ?? 0;
      return write(parent, last, op.op === "inc" ? base + amount : base - amount);
    }
    case "push":
      if (op.value === undefined) return "push needs a value";
      if (current === undefined) return write(parent, last, [op.value]);
      if (!Array.isArray(current)) return "target is not an array";
      current.push(op.value);
      return undefined;
    case "remove":
      if (current === undefined) return "nothing at this path";
      if (op.value !== undefined) {
        if (!Array.isArray(current)) return "remove with a value needs an array target";
        const index = current.findIndex((item) => JSON.stringify(item) === JSON.stringify(op.value));
        if (index < 0) return `value ${JSON.stringify(op.value)} is not in the array`;
        current.splice(index, 1);
        return undefined;
      }
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      return undefined;
  }
}

/** Reads the value at a dot path (undefined when absent or malformed). */
export function readPath(state: JsonObject, path: string): Json | undefined {
  const segments = parsePath(path);
  if (typeof segments === "string") return undefined;
  let node: Json | undefined = state;
  for (const seg of segments) {
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isObject(node)) node = node[seg];
    else return undefined;
  }
  return node;
}
