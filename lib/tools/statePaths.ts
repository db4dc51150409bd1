/**
 * Dot paths from the story-state root ("player.health", "inventory", "caravan.water_barrels",
 * "inventory.0"). Validated before any state is touched; prototype keys are never allowed.
 */
const SEGMENT = /^(?:[A-Za-z_][A-Za-z0-9_-]{0,63}|\d{1,6})$/;
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

export function parsePath(path: string): string[] | string {
  if (typeof path !== "string" || path.length === 0) return "path must be a non-empty dot path";
  if (path.length > 200) return "path is longer than 200 characters";
  const segments = path.split(".");
  for (const s of segments) {
    if (!SEGMENT.test(s)) return `malformed path "${path}": segment "${s}" must be a name or an array index`;
    if (FORBIDDEN.has(s)) return `path "${path}" uses the reserved key "${s}"`;
  }
  if (/^\d/.test(segments[0])) return `path "${path}" must start with a key, not an index`;
  return segments;
}

export function isValidPath(path: string): boolean {
  return Array.isArray(parsePath(path));
}

/** True when a write to one path changes what a read of the other returns (same, parent or child). */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
