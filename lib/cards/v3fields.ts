/**
 * V3 fields the engine keeps but does not play (docs/cards.md): `creation_date`,
 * `modification_date`, `source`, `creator_notes_multilingual`, `assets`. A value of the wrong type
 * is left out with a warning instead of refusing the card, because none of them changes the story;
 * the fields that do (`nickname`, the greetings, the book) are checked strictly by the schema.
 */

/** Above this a "Unix time in seconds" is really milliseconds (1e11 s is the year 5138). */
const MILLISECONDS_FROM = 1e11;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

function unixSeconds(value: unknown, field: string, warnings: string[]): number | undefined {
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
    warnings.push(`${field} is not a Unix time in seconds (${JSON.stringify(value).slice(0, 40)}); left out`);
    return undefined;
  }
  if (typeof value === "string") warnings.push(`${field} is a string; read as the number ${n}`);
  if (n >= MILLISECONDS_FROM) {
    warnings.push(`${field} looks like milliseconds; read as ${Math.floor(n / 1000)} seconds`);
    return Math.floor(n / 1000);
  }
  return n;
}

/** `data` with the V3 keep-only fields checked: wrong types left out, each with a warning. */
export function checkV3Fields(data: Record<string, unknown>, warnings: string[]): Record<string, unknown> {
  const out = { ...data };
  for (const field of ["creation_date", "modification_date"] as const) {
    if (out[field] === null) delete out[field];
    if (out[field] === undefined) continue;
    const seconds = unixSeconds(out[field], field, warnings);
    if (seconds === undefined) delete out[field];
    else out[field] = seconds;
  }
  const leaveOut = (field: string, why: string) => {
    warnings.push(`${field} ${why}; left out`);
    delete out[field];
  };
  if (out.source === null) delete out.source;
  if (out.source !== undefined && !isStringArray(out.source)) leaveOut("source", "is not an array of strings");
  const notes = out.creator_notes_multilingual;
  if (notes === null) delete out.creator_notes_multilingual;
  else if (notes !== undefined && !(isRecord(notes) && Object.values(notes).every((v) => typeof v === "string")))
    leaveOut("creator_notes_multilingual", "is not an object of language code → text");
  if (out.assets === null) delete out.assets;
  else if (out.assets !== undefined) {
    if (!Array.isArray(out.assets)) leaveOut("assets", "is not an array");
    else {
      const valid = out.assets.filter((a) => isRecord(a) && ["type", "uri", "name", "ext"].every((k) => typeof a[k] === "string"));
      if (valid.length < out.assets.length) warnings.push(`${out.assets.length - valid.length} of the assets lack a string type, uri, name or ext; left out`);
      out.assets = valid;
    }
  }
  return out;
}
