import { LORE_LIMITS, type LoreEntry } from "../scenarios/lorebook.ts";
import type { CardBookEntry } from "./schema.ts";

/** A key written as a regex literal, `/pattern/flags` (SillyTavern's way of marking a regex key). */
const REGEX_LITERAL = /^\/.+\/[a-z]*$/s;
/**
 * Characters that make a key a pattern rather than plain text when the entry says `use_regex`.
 * `?` and `.` are not among them: "Who?" or "St. Vell" is far likelier text than a pattern.
 */
const REGEX_SYNTAX = /[\\^$*+()[\]{}|]/;
/** Decorators the import honours; every other one is ignored with a warning (docs/cards.md). */
const HONOURED = new Set(["activate", "dont_activate"]);
/** SillyTavern's `extensions.selectiveLogic`: 0 AND ANY (the spec's `selective`), 1 NOT ALL, 2 NOT ANY, 3 AND ALL. */
const SELECTIVE_LOGIC = ["AND ANY", "NOT ALL", "NOT ANY", "AND ALL"];

/**
 * Splits keys into the ones matched as plain text and the regular expressions, which are never run
 * (a pattern from an untrusted file can take exponential time on a crafted input). A `/…/flags` key
 * is a regex in any card. Under `use_regex` (V3) every key is a pattern, but SillyTavern writes
 * `use_regex: true` on every entry it exports while its keys are plain text, so a key without
 * regex syntax is read as the text it matches.
 */
export function splitRegexKeys(keys: readonly string[], useRegex: boolean): { plain: string[]; regex: string[] } {
  const plain: string[] = [];
  const regex: string[] = [];
  for (const raw of keys) {
    const key = raw.trim();
    if (!key) continue;
    if (REGEX_LITERAL.test(key) || (useRegex && REGEX_SYNTAX.test(key))) regex.push(key);
    else plain.push(key);
  }
  return { plain, regex };
}

/** The plain keys a scenario entry can hold (LORE_LIMITS): longer ones dropped, the first 32 kept. */
function fitKeys(split: { plain: string[]; regex: string[] }, what: string, warnings: string[]): { plain: string[]; regex: string[] } {
  const short = split.plain.filter((k) => k.length <= LORE_LIMITS.keyChars);
  if (short.length < split.plain.length) warnings.push(`${what}: ${split.plain.length - short.length} longer than ${LORE_LIMITS.keyChars} characters; left out`);
  if (short.length > LORE_LIMITS.keysPerEntry) warnings.push(`${what}: only the first ${LORE_LIMITS.keysPerEntry} of ${short.length} are kept`);
  return { plain: short.slice(0, LORE_LIMITS.keysPerEntry), regex: split.regex };
}

export interface Decorators {
  /** The content without its decorator lines. */
  content: string;
  /** `@@activate`: always a match. */
  activate: boolean;
  /** `@@dont_activate` (without `@@activate`): never a match. */
  dontActivate: boolean;
  /** Decorators found but not honoured (names, first of each chain, without `@@`). */
  ignored: string[];
}

/**
 * Reads V3 lorebook decorators: lines starting with `@@name value`, each optionally followed by
 * `@@@name value` fallbacks tried when the one before is not honoured. The lines are removed from
 * the content (the spec has them trimmed before the prompt).
 */
export function readDecorators(content: string): Decorators {
  const found = new Set<string>();
  const ignored: string[] = [];
  const kept: string[] = [];
  let chain: { name: string; resolved: boolean } | undefined;
  const close = () => {
    if (chain && !chain.resolved && !ignored.includes(chain.name)) ignored.push(chain.name);
    chain = undefined;
  };
  for (const line of content.split(/\r?\n/)) {
    const m = /^\s*(@@@?)([A-Za-z_][\w]*)/.exec(line);
    if (!m) {
      kept.push(line);
      continue;
    }
    const [, at, rawName] = m;
    const name = rawName.toLowerCase();
    if (at === "@@") {
      close();
      chain = { name, resolved: false };
    } else if (!chain) {
      chain = { name, resolved: false }; // a fallback with nothing before it: read it as a decorator
    }
    if (chain.resolved || !HONOURED.has(name)) continue;
    chain.resolved = true;
    found.add(name);
  }
  close();
  const activate = found.has("activate");
  return { content: kept.join("\n").trim(), activate, dontActivate: !activate && found.has("dont_activate"), ignored };
}

/**
 * One card lorebook entry as a scenario keeps it, or undefined when it is left out: disabled entries
 * and `@@dont_activate` ones silently; empty, keyless, or regex-only entries with a warning.
 */
export function cardLoreEntry(e: CardBookEntry, i: number, sub: (t: string) => string, warnings: string[]): LoreEntry | undefined {
  if (!e.enabled) return undefined;
  const label = `lorebook entry ${i}${e.name || e.comment ? ` (${e.name || e.comment})` : ""}`;
  const decorators = readDecorators(e.content);
  if (decorators.dontActivate) return undefined;
  if (decorators.ignored.length > 0)
    warnings.push(`${label}: decorators ${decorators.ignored.map((d) => `@@${d}`).join(", ")} are not supported; ignored`);
  const content = sub(decorators.content);
  if (!content) return void warnings.push(`${label} has no content; skipped`);
  const constant = decorators.activate || (e.constant ?? false);
  const useRegex = e.use_regex ?? false;
  const keys = fitKeys(splitRegexKeys(e.keys, useRegex), `${label} keys`, warnings);
  const secondary = fitKeys(splitRegexKeys(e.secondary_keys, useRegex), `${label} secondary keys`, warnings);
  // Warnings name a few keys, shortened: a card may carry thousands of long ones.
  const quoted = (ks: string[]) => ks.slice(0, 3).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k)).join(", ") + (ks.length > 3 ? ` and ${ks.length - 3} more` : "");
  if (!constant && keys.plain.length === 0)
    return void warnings.push(keys.regex.length > 0 ? `${label} has only regular-expression keys (${quoted(keys.regex)}), which are not run; skipped` : `${label} has no keys and is not constant; skipped`);
  const regex = [...keys.regex, ...secondary.regex];
  if (regex.length > 0) warnings.push(`${label}: regular-expression keys ${quoted(regex)} are not run; left out of the entry`);
  let selective = e.selective ?? false;
  const gated = selective && secondary.plain.length + secondary.regex.length > 0;
  if (gated && secondary.plain.length === 0)
    return void warnings.push(`${label} needs a secondary key, and all of them are regular expressions; skipped`);
  const logic = typeof e.extensions.selectiveLogic === "number" ? e.extensions.selectiveLogic : 0;
  if (gated && logic !== 0) {
    // NOT ANY / NOT ALL would invert our "also needs one of" rule: drop the condition instead.
    if (logic === 3) warnings.push(`${label} uses SillyTavern's secondary-key logic AND ALL; read as AND ANY (one secondary key is enough)`);
    else {
      warnings.push(`${label} uses SillyTavern's secondary-key logic ${SELECTIVE_LOGIC[logic] ?? String(logic)}, which is not supported; only its primary keys are used`);
      selective = false;
    }
  }
  return {
    keys: keys.plain,
    content,
    ...(e.name || e.comment ? { name: (e.name || e.comment || "").slice(0, 200) } : {}),
    // SillyTavern writes case sensitivity only in its extensions (null: its default, insensitive).
    case_sensitive: e.case_sensitive ?? (e.extensions.case_sensitive === true),
    constant,
    selective,
    secondary_keys: secondary.plain,
    order: e.insertion_order,
  };
}
