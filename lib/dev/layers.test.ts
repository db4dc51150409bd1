import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Imports flow one way: server → sessions → graph → nodes → engine parts → config → common.
 * Product code never imports the development harness (lib/dev/) or the evals; tests may.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Each product layer and the layers (besides itself) it may import. */
const LAYERS: Record<string, string[]> = {
  "lib/common": [],
  "lib/config": ["lib/common"],
  parts: ["lib/config", "lib/common"],
  nodes: ["graph", "parts", "lib/config", "lib/common"],
  graph: ["nodes", "parts", "lib/config", "lib/common"],
  "lib/sessions": ["graph", "parts", "lib/config", "lib/common"],
  "lib/cli": ["lib/sessions", "graph", "parts", "lib/config", "lib/common"],
  server: ["lib/sessions", "graph", "parts", "lib/config", "lib/common"],
};

function layerOf(file: string): string | undefined {
  const [top, sub] = file.split("/");
  if (top === "lib" && sub === "dev") return undefined; // the development harness
  if (top === "lib") return ["common", "config", "sessions", "cli"].includes(sub) ? `lib/${sub}` : "parts";
  if (top === "graph" || top === "nodes" || top === "server") return top;
  return undefined; // evals/: harness
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].map((m) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), m[1] ?? m[2])));
}

describe("import direction", () => {
  const product = ["lib", "graph", "nodes", "server"].flatMap(sourceFiles).filter((f) => !/\.test\.ts$/.test(f) && layerOf(f) !== undefined);

  it("finds the product's files", () => {
    expect(product.length).toBeGreaterThan(100);
    expect(product).toContain("graph/turn.ts");
  });

  it("never goes up a layer, and product code never imports dev/ or evals/", () => {
    const wrong: string[] = [];
    for (const file of product) {
      const from = layerOf(file)!;
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to === undefined) wrong.push(`${file} → ${target} (harness)`);
        else if (to !== from && !LAYERS[from].includes(to)) wrong.push(`${file} → ${target} (${from} may not import ${to})`);
        else if (from === "nodes" && target === "graph/turn.ts") wrong.push(`${file} → ${target} (a node may not import the wiring)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no cycle between the engine's parts, folder by folder", () => {
    const deps = new Map<string, Set<string>>();
    for (const file of product.filter((f) => layerOf(f) === "parts")) {
      const from = file.split("/")[1];
      for (const target of importsOf(file).filter((t) => layerOf(t) === "parts")) {
        const to = target.split("/")[1];
        if (to !== from) deps.set(from, (deps.get(from) ?? new Set()).add(to));
      }
    }
    const cycles: string[] = [];
    const visit = (folder: string, trail: string[]) => {
      if (trail.includes(folder)) return void cycles.push([...trail.slice(trail.indexOf(folder)), folder].join(" → "));
      for (const next of deps.get(folder) ?? []) visit(next, [...trail, folder]);
    };
    for (const folder of deps.keys()) visit(folder, []);
    expect(deps.size).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });
});
