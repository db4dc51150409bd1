import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type ConsoleMessage, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../dev/testing/childServer.ts";

/**
 * The web page in a real browser: starts the server (offline storyteller, slowed so streaming is
 * observable), drives Debian's headless Chromium with playwright-core, plays two turns of the
 * frontier caravan and checks the streamed narrative, tool strip, metrics and relationship graph.
 */
const CHROMIUM = "/usr/bin/chromium";
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
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const artifacts = path.join(root, "test-artifacts");
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && !process.env.CI) {
  process.stderr.write(`web.int.test: skipped, ${CHROMIUM} is missing (install it with: apt-get install -y chromium)\n`);
}

/**
 * Chromium logs every non-2xx fetch as a console error. These are expected: the pasted invalid
 * scenario (400), and the optional enrichment route, which the page probes and hides on 404.
 */
const EXPECTED_HTTP_ERRORS: Array<{ status: number; path: RegExp }> = [
  { status: 400, path: /\/sessions$/ },
  { status: 404, path: /\/sessions\/[^/]+\/enrichment$/ },
];

function expectedHttpError(message: ConsoleMessage): boolean {
  const status = /status of (\d{3})/.exec(message.text())?.[1];
  if (!message.text().startsWith("Failed to load resource") || !status) return false;
  const { pathname } = new URL(message.location().url);
  return EXPECTED_HTTP_ERRORS.some((e) => e.status === Number(status) && e.path.test(pathname));
}

/** What the page recorded while a turn ran: narrative lengths and tool chips seen while Send was disabled. */
interface TurnTrace {
  lengths: number[];
  chipsWhileRunning: number;
}

/** Types an action, presses Enter, and records the live narrative as it grows until the turn is saved. */
async function playTurn(page: Page, action: string, turn: number): Promise<TurnTrace> {
  await page.evaluate(() => {
    const w = window as unknown as { __trace: TurnTrace };
    w.__trace = { lengths: [], chipsWhileRunning: 0 };
    const send = document.querySelector<HTMLButtonElement>('[data-testid="send"]')!;
    const observer = new MutationObserver(() => {
      if (!send.disabled) return;
      const live = document.querySelector('[data-testid="live-text"]');
      const length = live?.textContent?.length ?? 0;
      if (length && length !== w.__trace.lengths.at(-1)) w.__trace.lengths.push(length);
      w.__trace.chipsWhileRunning = Math.max(w.__trace.chipsWhileRunning, document.querySelectorAll('[data-testid="tool-chip"]').length);
    });
    observer.observe(document.querySelector("main")!, { subtree: true, childList: true, characterData: true });
  });
  const input = page.getByTestId("action-input");
  await input.fill(action);
  await input.press("Enter");
  await expect.poll(() => page.getByTestId("send").isDisabled(), { timeout: 5_000 }).toBe(true);
  await page.locator(`[data-testid="turn"][data-turn="${turn}"]`).waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId("send").isEnabled(), { timeout: 5_000 }).toBe(true);
  return page.evaluate(() => (window as unknown as { __trace: TurnTrace }).__trace);
}

describe.skipIf(!haveChromium && !process.env.CI)("web page in headless Chromium", () => {
  let dataDir = "";
  let profileDir = "";
  let server: ChildServer | undefined;
  let base = "";
  let sessionId = "";
  let context: BrowserContext | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install -y chromium) before the int tests`);
    }
    dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-web-data-"));
    profileDir = mkdtempSync(path.join(os.tmpdir(), "qs-web-profile-"));
    // The offline storyteller, slowed so streaming is observable (offline model and embeddings are the defaults).
    server = await startChildServer({ QS_DATA_DIR: dataDir, QS_OFFLINE_TOKEN_DELAY_MS: "15" });
    base = server.url;
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1440, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message: ConsoleMessage) => {
      if (message.type() !== "error") return;
      if (expectedHttpError(message)) return;
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows validation errors for a pasted scenario", async () => {
    await page.goto(base);
    await page.locator("body[data-ready=true]").waitFor();
    await expect.poll(() => page.getByTestId("offline-badge").isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("offline-badge").textContent()).toContain("offline storyteller (deterministic, not an LLM)");

    await page.locator('[data-testid="custom-scenario"] summary').click();
    await page.getByTestId("scenario-json").fill('{ "title": "", "entities": [] }');
    await page.getByTestId("start-custom").click();
    const errors = page.getByTestId("form-errors");
    await errors.waitFor({ state: "visible" });
    expect(await errors.locator("li").count()).toBeGreaterThan(0);
  });

  it("plays two streamed turns and draws the relationship that grows from them", async () => {
    await page.getByTestId("scenario-select").selectOption("frontier-caravan");
    await page.getByTestId("start-session").click();
    await expect.poll(() => page.getByTestId("story-title").textContent()).toBe("The Saltwind Caravan");
    await expect.poll(() => page.getByTestId("send").isEnabled()).toBe(true);
    expect(await page.getByTestId("form-errors").isVisible()).toBe(false);

    const first = await playTurn(page, "I ride ahead to scout the dust on the horizon.", 1);
    // Token by token: the live narrative grew in many steps while Send was still disabled.
    expect(first.lengths.length).toBeGreaterThanOrEqual(3);
    const finalText = (await page.locator('[data-testid="turn"][data-turn="1"] .narrative').textContent()) ?? "";
    expect(first.lengths[0]).toBeLessThan(finalText.length);
    expect(first.chipsWhileRunning).toBeGreaterThan(0);

    expect(await page.locator('[data-testid="tool-chip"][data-phase="read"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="tool-chip"][data-phase="write"]').count()).toBeGreaterThan(0);

    // The model shown is the `done` event's, which names the offline storyteller as not an LLM.
    const health = (await (await fetch(`${base}/health`)).json()) as { model: string; model_id: string };
    expect(await page.getByTestId("metric-ttft_ms").locator("dd").textContent()).toMatch(/^\d+(\.\d+)? (ms|s)$/);
    const model = (await page.getByTestId("metric-model").locator("dd").textContent()) ?? "";
    expect([health.model, health.model_id].some((name) => model.includes(name))).toBe(true);
    expect(model).toContain("not an LLM");

    const second = await playTurn(page, "I share my water with Tomas Reed.", 2);
    expect(second.lengths.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid="tool-chip"][data-phase="write"]').count()).toBeGreaterThan(0);
    const edge = page.locator('[data-testid="graph"] svg [data-testid="graph-edge"][data-from="tomas"][data-to="mara"][data-type="trust"]');
    await edge.waitFor({ state: "attached", timeout: 20_000 });
    expect(Number(await edge.getAttribute("data-sentiment"))).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="graph-node"][data-id="tomas"]').count()).toBe(1);

    await page.getByTestId("memory-query").fill("water");
    await page.getByTestId("memory-search").click();
    // Search results (scored, captioned with the query), the closest one about the shared water.
    await expect.poll(() => page.getByTestId("memory-caption").textContent(), { timeout: 10_000 }).toMatch(/closest to “water”/);
    const closest = page.getByTestId("memory-item").first();
    await expect.poll(() => closest.locator("p").first().textContent(), { timeout: 10_000 }).toMatch(/water/i);
    expect(await closest.locator(".score").count()).toBe(1);

    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#session=ses_[A-Za-z0-9_-]+$/);
    sessionId = hash.slice("#session=".length);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "web.png"), fullPage: true });
  });

  it("reopens the story from the #session=<id> address on a reload, without any click", async () => {
    expect(sessionId).not.toBe("");
    await page.reload();
    await page.locator("body[data-ready=true]").waitFor();
    expect(new URL(page.url()).hash).toBe(`#session=${sessionId}`);
    await expect.poll(() => page.getByTestId("turn").count()).toBe(2);
    await expect.poll(() => page.getByTestId("story-title").textContent()).toBe("The Saltwind Caravan");
    expect(await page.locator('[data-testid="turn"][data-turn="1"]').count()).toBe(1);
    expect(await page.locator('[data-testid="turn"][data-turn="2"]').count()).toBe(1);
    expect(new URL(page.url()).hash).toBe(`#session=${sessionId}`);
  });

  it("resumes the story from the session list after a reload", async () => {
    await page.goto(base);
    await page.locator("body[data-ready=true]").waitFor();
    await page.getByTestId("session-item").first().click();
    await expect.poll(() => page.getByTestId("turn").count()).toBe(2);
    expect(await page.getByTestId("story-title").textContent()).toBe("The Saltwind Caravan");
    expect(problems).toEqual([]);
  });
});
