/**
 * Card macros (docs/cards.md, "Macros"). V1/V2 name `{{char}}` / `<BOT>` and `{{user}}` / `<USER>`,
 * matched in any letter case; V3 adds `<char>`, has `{{char}}` name the `nickname` when there is one,
 * and defines the curly-braced set below. Everything runs once, at import: the scenario stores the
 * result, so the "random" macros pick deterministically from the text (the same card imports to the
 * same scenario, and a saved scenario's content-hash name stays stable).
 */

export interface MacroNames {
  /** What `{{char}}` becomes: the card's nickname (V3) or its name. */
  char: string;
  /** What `{{user}}` becomes: the player's name. */
  user: string;
}

/**
 * A CBS's argument: up to the closing `}}`, without `{` (a lone `}` is allowed). Stopping at `{`
 * keeps matching linear on hostile text ("{{random:" repeated), and the bound caps each attempt.
 */
const ARG = String.raw`((?:[^{}]|\}(?!\})){0,2000})`;
const cbs = (name: string) => new RegExp(String.raw`\{\{\s*${name}${ARG}\}\}`, "gi");

const HIDDEN = [cbs("\\/\\/"), cbs("comment\\s*:"), cbs("hidden_key\\s*:")];
const REVERSE = cbs("reverse\\s*:");
const CHOICE = cbs("(?:random|pick)\\s*:");
const ROLL = /\{\{\s*roll\s*::?\s*d?(\d{1,9})\s*\}\}/gi;

/** FNV-1a: a small, stable hash for the deterministic picks. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** `A,B,C` with `\,` escapes (V3), or RisuAI's `:A::B::C` form. */
function choices(arg: string): string[] {
  if (arg.startsWith(":")) return arg.slice(1).split("::");
  return arg.split(/(?<!\\),/).map((c) => c.replace(/\\,/g, ","));
}

/**
 * Replaces the card macros in one text: names, the V3 curly-braced syntaxes (`{{// …}}`,
 * `{{comment: …}}` and `{{hidden_key: …}}` vanish, `{{reverse:…}}`, `{{random:…}}`, `{{pick:…}}`,
 * `{{roll:N}}`), and `{{original}}` (V2's "the app's own prompt here") is dropped because the
 * engine's rules always apply. Unknown `{{…}}` macros are left as written.
 */
export function substituteMacros(text: string, names: MacroNames): string {
  let n = 0;
  const pick = (count: number) => hash(`${text}\u0000${n++}`) % count;
  let out = text;
  for (const hidden of HIDDEN) out = out.replace(hidden, "");
  out = out
    // Replacer functions: a name is text, never a `$&` replacement pattern.
    .replace(/\{\{char\}\}|<bot>|<char>/gi, () => names.char)
    .replace(/\{\{user\}\}|<user>/gi, () => names.user)
    .replace(/\{\{original\}\}/gi, "")
    .replace(REVERSE, (_m, arg: string) => [...arg].reverse().join(""))
    .replace(CHOICE, (_m, arg: string) => {
      const options = choices(arg);
      return options[pick(options.length)];
    })
    .replace(ROLL, (m, sides: string) => (Number(sides) >= 1 ? String(1 + pick(Number(sides))) : m));
  return out.trim();
}
