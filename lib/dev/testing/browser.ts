import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium, driven headless by playwright-core in the browser tests. */
export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** A headless Chromium with its own profile folder. */
export function launchChromium(profileDir: string, viewport = { width: 1440, height: 1000 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core in the page and returns its critical and serious violations as readable lines
 * ("rule (impact): selectors"). It is injected through page.evaluate, which the page's CSP allows
 * (a `<script>` tag would not be).
 */
export async function axeSeriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact?: string; nodes: Array<{ target: unknown[] }> }> };
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<Result> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations
      .filter((v) => v.impact === "critical" || v.impact === "serious")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

/** axe-core's serious violations in the light and the dark theme (the page's own data-theme switch). */
export async function axeInBothThemes(page: Page): Promise<Record<"light" | "dark", string[]>> {
  const result = { light: [] as string[], dark: [] as string[] };
  const before = await page.evaluate(() => document.documentElement.dataset.theme ?? "");
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    result[theme] = await axeSeriousViolations(page);
  }
  await page.evaluate((t) => (t ? (document.documentElement.dataset.theme = t) : delete document.documentElement.dataset.theme), before);
  return result;
}
