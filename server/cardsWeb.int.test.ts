import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveChromium, launchChromium } from "../lib/dev/testing/browser.ts";
import { cardPng, V1_CARD, V2_CARD } from "../lib/dev/testing/cards.ts";
import { api, startTestServer, type TestServer } from "../lib/dev/testing/server.ts";

/** "Start from a character card" in headless Chromium: a PNG card in, its portrait shown, a story out. */
describe.skipIf(!haveChromium && !process.env.CI)("web page: start from a character card", () => {
  let server: TestServer;
  let browser: BrowserContext;
  const profile = mkdtempSync(path.join(os.tmpdir(), "qs-cards-web-"));

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium(profile);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it("shows the portrait and the greetings, then begins with the chosen opening; the export gives the card's lorebook back", async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
    await page.goto(server.url);
    await page.locator('[data-testid="card-import"] summary').click();
    await page.getByTestId("card-player").fill("Mara");
    await page.getByTestId("card-file").setInputFiles({ name: "sera.png", mimeType: "image/png", buffer: cardPng(V2_CARD) });

    await expect.poll(() => page.getByTestId("card-preview").isVisible()).toBe(true);
    expect(await page.getByTestId("card-portrait").getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId("card-portrait").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(await page.getByTestId("card-about").textContent()).toContain("Sera Vell");
    expect(await page.getByTestId("card-greeting").locator("option").count()).toBe(3);

    await page.getByTestId("card-greeting").selectOption("1");
    await page.getByTestId("start-card").click();
    await expect.poll(() => page.getByTestId("opening").textContent()).toBe("The harbour bell rings as Sera Vell finds Mara at the quay.");
    expect(await page.getByTestId("story-title").textContent()).toBe("Sera Vell");
    expect(consoleErrors).toEqual([]);
    // The page started from the card itself, so the session kept its book as written (the disabled entry too).
    const { items } = await server.engine.listSessions();
    expect(items.map((s) => s.scenario)).toEqual(["card"]);
    const exported = await api(server.url, "GET", `/sessions/${items[0].id}/characters/sera-vell/card`);
    expect(exported.body.data.character_book.entries).toEqual(V2_CARD.data.character_book.entries.map((e) => ({ secondary_keys: [], ...e })));
  });

  it("accepts a dropped JSON card (no portrait to show) and starts from the card itself", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.locator('[data-testid="card-import"] summary').click();
    await page.getByTestId("card-drop").evaluate((zone, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "ilse.json", { type: "application/json" }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(V1_CARD));
    await expect.poll(() => page.getByTestId("card-preview").isVisible()).toBe(true);
    expect(await page.getByTestId("card-about").textContent()).toContain("Captain Ilse");
    expect(await page.getByTestId("card-portrait").isVisible()).toBe(false);
    await page.getByTestId("start-card").click();
    await expect.poll(() => page.getByTestId("story-title").textContent()).toBe("Captain Ilse");
    expect((await server.engine.listSessions()).items[0].scenario).toBe("card");
  });
});
