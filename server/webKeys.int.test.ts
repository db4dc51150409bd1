import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, haveChromium, launchChromium } from "../lib/dev/testing/browser.ts";
import { startChildServer, type ChildServer } from "../lib/dev/testing/childServer.ts";

/**
 * The web page in headless Chromium against a server with API keys on (and its strict
 * Content-Security-Policy): the key field appears on the 401s, a wrong key is named as such, the
 * right one plays a streamed turn, the turn limit is explained, and another key cannot open the story.
 */
const ALICE = "alice-key-0123456789abcdef";
const BOB = "bob-key-0123456789abcdef";

if (!haveChromium && !process.env.CI) {
  process.stderr.write(`webKeys.int.test: skipped, ${CHROMIUM} is missing (install it with: apt-get install -y chromium)\n`);
}

/** Chromium logs every non-2xx fetch as a console error: these are the ones this test causes on purpose. */
function expectedHttpError(message: ConsoleMessage): boolean {
  const status = /status of (\d{3})/.exec(message.text())?.[1];
  return message.text().startsWith("Failed to load resource") && ["401", "404", "429"].includes(status ?? "");
}

describe.skipIf(!haveChromium && !process.env.CI)("web page with API keys on", () => {
  let dataDir = "";
  let profileDir = "";
  let server: ChildServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let sessionHash = "";
  const problems: string[] = [];

  const useKey = async (key: string) => {
    await page.getByTestId("api-key").fill(key);
    await Promise.all([page.waitForEvent("load"), page.getByTestId("save-key").click()]);
    await page.locator("body[data-ready=true]").waitFor();
  };
  const play = async (action: string) => {
    const input = page.getByTestId("action-input");
    await expect.poll(() => page.getByTestId("send").isEnabled(), { timeout: 10_000 }).toBe(true);
    await input.fill(action);
    await input.press("Enter");
  };

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install -y chromium) before the int tests`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "qs-webkeys-data-"));
    profileDir = mkdtempSync(path.join(os.tmpdir(), "qs-webkeys-profile-"));
    server = await startChildServer({ QS_DATA_DIR: dataDir, QS_API_KEYS: `alice:${ALICE},bob:${BOB}`, QS_RATE_TURNS_PER_MIN: "1" });
    context = await launchChromium(profileDir);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message: ConsoleMessage) => {
      // A Content-Security-Policy violation is reported here too ("Refused to …").
      if (message.type() === "error" && !expectedHttpError(message)) problems.push(`console error: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("asks for a key on the 401s, and says so when the key is wrong", async () => {
    const res = await page.goto(server!.url);
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.locator("body[data-ready=true]").waitFor();
    await expect.poll(() => page.getByTestId("auth").isVisible()).toBe(true);
    expect(await page.getByTestId("auth-message").textContent()).toMatch(/needs an API key/);
    expect(await page.getByTestId("session-list").textContent()).toMatch(/needs an API key/);

    await useKey("not-the-right-key-at-all");
    await expect.poll(() => page.getByTestId("auth-message").textContent()).toMatch(/not valid on this server/);
    expect(await page.evaluate(() => sessionStorage.getItem("qs-api-key"))).toBe("not-the-right-key-at-all");
  });

  it("plays a streamed turn with the right key, and explains the turn limit (429)", async () => {
    await useKey(ALICE);
    await expect.poll(() => page.getByTestId("scenario-select").locator("option").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("auth-message").textContent()).toBe("");
    await page.getByTestId("scenario-select").selectOption("frontier-caravan");
    await page.getByTestId("start-session").click();
    await expect.poll(() => page.getByTestId("story-title").textContent()).toBe("The Saltwind Caravan");

    await play("I ride ahead to scout the dust on the horizon.");
    await page.locator('[data-testid="turn"][data-turn="1"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="turn"][data-turn="1"] .narrative').textContent()).toMatch(/\S/);
    sessionHash = new URL(page.url()).hash;
    expect(sessionHash).toMatch(/^#session=ses_/);

    await play("I share my water with Tomas Reed.");
    await expect.poll(() => page.getByTestId("error").textContent(), { timeout: 10_000 }).toMatch(/faster than this server allows.*try again in \d+ seconds?/is);
    expect(await page.getByTestId("action-input").inputValue()).toBe("I share my water with Tomas Reed."); // the words are kept
    expect(problems).toEqual([]);
  });

  it("does not open the story for another key", async () => {
    await useKey(BOB);
    // A fresh load of the story's address (a hash change alone would not reload; a reload after it
    // races the page's own handling of the 404, which drops the hash).
    await page.goto("about:blank");
    await page.goto(`${server!.url}/${sessionHash}`);
    await page.locator("body[data-ready=true]").waitFor();
    await page.getByTestId("error").getByText(/not found/i).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("session-list").textContent()).toMatch(/No stories yet/);
    expect(await page.getByTestId("turn").count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
