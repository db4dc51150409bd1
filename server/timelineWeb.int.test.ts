import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const INPUTS = ["I ride ahead to scout the dust on the horizon.", "I share my water with Tomas Reed.", "I ask Old Bess who sold the route."];

/** Undo, Regenerate, "Fork from here" and older turns on scroll, in headless Chromium (offline storyteller). */
describe.skipIf(!haveChromium && !process.env.CI)("web page: the story over time", () => {
  let server: TestServer;
  let context: BrowserContext | undefined;
  let page: Page;
  let profileDir = "";
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ QS_OFFLINE_TOKEN_DELAY_MS: "0" });
    profileDir = mkdtempSync(path.join(os.tmpdir(), "qs-web-timeline-"));
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"], viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  const shown = async () => (await page.getByTestId("turn").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.turn))).map(Number);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it("loads older turns, undoes, regenerates and forks", async () => {
    const id: string = (await api(server.url, "POST", "/sessions", { scenario: "frontier-caravan" })).body.id;
    for (let i = 0; i < 12; i++) expect((await api(server.url, "POST", `/sessions/${id}/turns`, { input: INPUTS[i % INPUTS.length] })).status).toBe(200);

    await page.goto(`${server.url}/#session=${id}`);
    await page.locator("body[data-ready=true]").waitFor();
    await page.locator('[data-testid="turn"][data-turn="12"]').waitFor();
    // The view holds the last 10; the marker above them loads the rest once it is scrolled into view.
    await page.getByTestId("older-turns").scrollIntoViewIfNeeded();
    await expect.poll(shown, { timeout: 10_000 }).toEqual(range(1, 12));
    await expect.poll(() => page.getByTestId("older-turns").count()).toBe(0);
    expect(await page.getByTestId("undo-turn").count()).toBe(1);

    await page.locator('[data-turn="12"] [data-testid="undo-turn"]').click();
    await expect.poll(async () => (await shown()).at(-1), { timeout: 10_000 }).toBe(11);
    expect((await api(server.url, "GET", `/sessions/${id}`)).body.turn).toBe(11);

    const before = (await api(server.url, "GET", `/sessions/${id}/memories?limit=200`)).body.total;
    const regenerated = page.waitForResponse((res) => res.url().endsWith("/regenerate"));
    await page.locator('[data-turn="11"] [data-testid="regenerate-turn"]').click();
    expect((await regenerated).status()).toBe(200);
    await expect.poll(() => page.locator('[data-turn="11"] [data-testid="undo-turn"]').count(), { timeout: 10_000 }).toBe(1);
    expect((await api(server.url, "GET", `/sessions/${id}/memories?limit=200`)).body.total).toBe(before);

    await page.locator('[data-turn="5"] [data-testid="fork-turn"]').click();
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).not.toContain(id);
    await expect.poll(shown, { timeout: 10_000 }).toEqual(range(1, 5));
    const forkId = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get("session")!;
    expect((await api(server.url, "GET", `/sessions/${forkId}`)).body.turn).toBe(5);
    expect((await api(server.url, "GET", `/sessions/${id}`)).body.turn).toBe(11);
    expect(problems).toEqual([]);
  });
});
