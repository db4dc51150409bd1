import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulatedModelServer, type SimulatedModelServer } from "../lib/dev/simulator/openaiServer.ts";
import { isConfirmRequest, isEnrichmentRequest } from "../lib/dev/testing/modelRequests.ts";
import { CHROMIUM, haveChromium, launchChromium } from "../lib/dev/testing/browser.ts";
import { gate } from "../lib/dev/testing/gate.ts";
import { startChildServer, type ChildServer } from "../lib/dev/testing/childServer.ts";

/**
 * The enrichment card in a real browser: a turn (through the simulated model server) writes a
 * relationship memory the rules cannot type, the model's background answer reads the pair both
 * ways, and the page shows the task with what it read, then the graph with both edges.
 */
if (!haveChromium && !process.env.CI) {
  process.stderr.write(`enrichmentWeb.int.test: skipped, ${CHROMIUM} is missing (install it with: apt-get install -y chromium)\n`);
}

describe.skipIf(!haveChromium && !process.env.CI)("web page: background enrichment", () => {
  let sim: SimulatedModelServer;
  let server: ChildServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let dataDir = "";
  let profileDir = "";
  const problems: string[] = [];
  /** Holds the model's enrichment answer until the test opens it. */
  let held = gate();
  held.open();

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install -y chromium) before the int tests`);
    sim = await startSimulatedModelServer();
    sim.setScript(async (req) => {
      if (isEnrichmentRequest(req)) {
        await held.opened;
        return {
          toolCalls: [{
            name: "classify_relationship",
            args: { edges: [{ from: "tomas", to: "mara", type: "love", sentiment: 0.6 }, { from: "mara", to: "tomas", type: "fear", sentiment: -0.4 }], confidence: 0.8, reason: "he longs, she dreads it" },
          }],
        };
      }
      if (isConfirmRequest(req)) return { content: "Noted." };
      return {
        content: "Tomas says nothing while you talk, but his eyes keep finding Mara across the fire.",
        toolCalls: [{ name: "add_memories", args: { memories: [{ entity_id: "tomas", scope: "relationship", content: "Tomas keeps glancing at Mara whenever she speaks." }] } }],
      };
    });
    dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-enrichweb-data-"));
    profileDir = mkdtempSync(path.join(os.tmpdir(), "qs-enrichweb-profile-"));
    server = await startChildServer({ QS_DATA_DIR: dataDir, ...sim.modelEnv });
    context = await launchChromium(profileDir);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    held.open();
    await sim?.close();
    for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const edge = (from: string, to: string, type: string) => page.locator(`[data-testid="graph"] svg [data-testid="graph-edge"][data-from="${from}"][data-to="${to}"][data-type="${type}"]`);
  const startStory = async () => {
    await page.getByTestId("scenario-select").selectOption("frontier-caravan");
    await page.getByTestId("start-session").click();
    await expect.poll(() => page.getByTestId("send").isEnabled(), { timeout: 10_000 }).toBe(true);
  };
  const playTurn = async () => {
    const input = page.getByTestId("action-input");
    await input.fill("I tell Tomas about the route.");
    await input.press("Enter");
    await page.locator('[data-testid="turn"][data-turn="1"]').waitFor({ timeout: 60_000 });
  };

  it("shows the task with the edges the model read, both ways, and then both in the graph", async () => {
    await page.goto(server!.url);
    await page.locator("body[data-ready=true]").waitFor();
    await expect.poll(() => page.getByTestId("scenario-select").locator("option").count()).toBeGreaterThan(0);
    await startStory();
    await playTurn();

    const task = page.getByTestId("enrichment-task").first();
    await expect.poll(() => task.textContent(), { timeout: 20_000 }).toMatch(/done tomas ↔ mara: tomas → mara love, mara → tomas fear/);
    expect(await page.getByTestId("enrichment-counts").textContent()).toMatch(/1 done/);
    expect(sim.requests.filter(isEnrichmentRequest)).toHaveLength(1);
    // The page refreshes the graph when a task is done.
    await expect.poll(() => edge("tomas", "mara", "love").count(), { timeout: 10_000 }).toBe(1);
    expect(await edge("mara", "tomas", "fear").count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("redraws the graph when the task is already done at the page's first look after the turn", async () => {
    await startStory();
    // The page has looked at the new story's enrichment once (nothing done yet).
    await expect.poll(() => page.getByTestId("enrichment-counts").textContent(), { timeout: 10_000 }).toMatch(/0 done/);
    const id = /session=(ses_\w+)/.exec(page.url())![1];
    // Hold the model's answer, and the page's first look at enrichment after the turn, until the task is done.
    held = gate();
    const firstLook = gate();
    let looks = 0;
    await page.route(/\/sessions\/[^/]+\/enrichment$/, async (route) => {
      if (looks++ === 0) await firstLook.opened;
      await route.continue();
    });
    const graphAfterTurn = page.waitForResponse((r) => /\/relationships\/graph$/.test(new URL(r.url()).pathname));
    await playTurn();
    // The page has read the graph after the turn while the model's answer was still held.
    await graphAfterTurn;
    await expect.poll(() => sim.requests.filter(isEnrichmentRequest).length, { timeout: 10_000 }).toBe(2);
    expect(await edge("tomas", "mara", "love").count()).toBe(0);
    held.open();
    await expect.poll(async () => (await (await fetch(`${server!.url}/sessions/${id}/enrichment`)).json()).counts.done, { timeout: 10_000 }).toBe(1);
    firstLook.open();
    await expect.poll(() => edge("tomas", "mara", "love").count(), { timeout: 10_000 }).toBe(1);
    expect(await edge("mara", "tomas", "fear").count()).toBe(1);
    await page.unroute(/\/sessions\/[^/]+\/enrichment$/);
    expect(problems).toEqual([]);
  });
});
