import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listBundledScenarios } from "./catalog.ts";
import { formatIssues, ScenarioSchema, type Scenario } from "./schema.ts";
import { slugOf } from "./slug.ts";

/** Saved scenario names: a slug and a content hash, never anything a path could be made of. */
export const SAVED_NAME = /^[a-z][a-z0-9-]{0,50}-[0-9a-f]{8}$/;
/** How many scenarios one data folder keeps (each is at most about a megabyte). */
export const MAX_SAVED_SCENARIOS = 500;
/** A saved card book is at most what a card's JSON may be (512 KiB: it came from one). */
const MAX_SAVED_BOOK_BYTES = 512 * 1024;

export class SavedScenarioQuotaError extends Error {
  constructor() {
    super(`this server already keeps ${MAX_SAVED_SCENARIOS} saved scenarios; remove some from the data folder's scenarios/ first`);
    this.name = "SavedScenarioQuotaError";
  }
}

/**
 * Scenarios saved beside the bundled ones, one JSON file each under `<data folder>/scenarios/`.
 * A name is `<title slug>-<8 hex of the content's hash>`, so saving the same scenario twice gives
 * the same name and file. Names are checked against {@link SAVED_NAME} before any path is built.
 */
/** A saved scenario's card book sits beside it: `<name>.book.json` (not a saved name, so never listed). */
const bookFileOf = (scenarioFile: string): string => `${scenarioFile.slice(0, -".json".length)}.book.json`;

export class SavedScenarios {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.resolve(dataDir, "scenarios");
  }

  private fileOf(name: string): string | undefined {
    if (!SAVED_NAME.test(name)) return undefined;
    const file = path.join(this.dir, `${name}.json`);
    return path.dirname(file) === this.dir ? file : undefined;
  }

  names(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((f) => f.endsWith(".json") && SAVED_NAME.test(f.slice(0, -5)))
        .map((f) => f.slice(0, -5))
        .sort();
    } catch {
      return [];
    }
  }

  /**
   * Stores a validated scenario; returns its name. `cardBook` (a card's lorebook as imported, JSON)
   * is kept beside it as `<name>.book.json`, so sessions started from the saved scenario export the
   * book as the user wrote it. Each file is written to a temporary file, then renamed; the book first,
   * so a saved scenario never lacks the book it was saved with.
   */
  save(scenario: Scenario, cardBook?: string): string {
    const json = JSON.stringify(scenario, null, 2);
    const name = `${slugOf(scenario.title, "scenario")}-${createHash("sha256").update(json).update(cardBook ?? "").digest("hex").slice(0, 8)}`;
    const file = this.fileOf(name);
    if (!file) throw new Error(`could not name the saved scenario (${name})`);
    const existing = this.names();
    if (existing.includes(name)) return name;
    if (existing.length >= MAX_SAVED_SCENARIOS) throw new SavedScenarioQuotaError();
    mkdirSync(this.dir, { recursive: true });
    if (cardBook !== undefined) this.write(name, bookFileOf(file), cardBook);
    this.write(name, file, json);
    return name;
  }

  private write(name: string, file: string, text: string): void {
    const temp = path.join(this.dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(temp, text);
    renameSync(temp, file);
  }

  /** The card book saved with a scenario (JSON, checked by its reader when used), if any and not oversized. */
  book(name: string): string | undefined {
    const file = this.fileOf(name);
    if (!file) return undefined;
    try {
      const text = readFileSync(bookFileOf(file), "utf8");
      return Buffer.byteLength(text) <= MAX_SAVED_BOOK_BYTES ? text : undefined;
    } catch {
      return undefined;
    }
  }

  /** A saved scenario by name, validated again; undefined for unknown or malformed names. */
  load(name: string): Scenario | undefined {
    const file = this.fileOf(name);
    if (!file) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      return undefined;
    }
    const parsed = ScenarioSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`saved scenario ${name} is invalid: ${formatIssues(parsed.error).join("; ")}`);
    return parsed.data;
  }

  /** Bundled scenarios, then saved ones, as GET /scenarios lists them. */
  listAll(): Array<{ name: string; title: string; premise: string; characters: number; saved?: true }> {
    const saved = this.names().flatMap((name) => {
      let s: Scenario | undefined;
      try {
        s = this.load(name);
      } catch {
        return []; // a file edited by hand into an invalid scenario is not listed (starting it says why)
      }
      return s ? [{ name, title: s.title, premise: s.premise, characters: s.entities.filter((e) => e.type === "character").length, saved: true as const }] : [];
    });
    return [...listBundledScenarios(), ...saved];
  }
}
