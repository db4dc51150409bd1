import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatIssues, ScenarioSchema, type Scenario } from "./schema.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundled scenario names are the JSON file names in scenarios/ (e.g. "frontier-caravan"). */
export function listBundledScenarios(): Array<{ name: string; title: string; premise: string; characters: number }> {
  return bundledNames().map((name) => {
    const s = loadBundledScenario(name);
    return { name, title: s.title, premise: s.premise, characters: s.entities.filter((e) => e.type === "character").length };
  });
}

function bundledNames(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

const cache = new Map<string, Scenario>();

/** Loads and validates a bundled scenario; undefined for unknown names (never a path). */
export function loadBundledScenario(name: string): Scenario {
  const cached = cache.get(name);
  if (cached) return cached;
  if (!bundledNames().includes(name)) throw new UnknownScenarioError(name);
  const raw: unknown = JSON.parse(readFileSync(path.join(here, `${name}.json`), "utf8"));
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`bundled scenario ${name} is invalid: ${formatIssues(parsed.error).join("; ")}`);
  cache.set(name, parsed.data);
  return parsed.data;
}

export class UnknownScenarioError extends Error {
  constructor(readonly scenarioName: string) {
    super(`unknown scenario "${scenarioName}"; bundled: ${bundledNames().join(", ")}`);
    this.name = "UnknownScenarioError";
  }
}
