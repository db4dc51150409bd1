import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteSessionIndex } from "./sessionIndex.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "qs-index-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (id: string, at: string) => ({ id, scenario: "frontier-caravan", title: "T", created_at: at, updated_at: at, turn: 0 });

describe("session index owners", async () => {
  it("adds the owner column to an index written before owners existed; its sessions stay ownerless", async () => {
    const file = path.join(dir, "old.sqlite");
    const old = new Database(file);
    old.exec(`CREATE TABLE sessions (id TEXT PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, turn INTEGER NOT NULL DEFAULT 0)`);
    old.prepare("INSERT INTO sessions VALUES ('ses_old', 'frontier-caravan', 'Old', '2026-01-01', '2026-01-01', 3)").run();
    old.close();

    const index = new SqliteSessionIndex(file);
    expect(await index.ownerOf("ses_old")).toBeNull();
    expect(await index.get("ses_old")).toEqual({ id: "ses_old", scenario: "frontier-caravan", title: "Old", created_at: "2026-01-01", updated_at: "2026-01-01", turn: 3 });
    expect(await index.cardBook("ses_old")).toBeUndefined(); // the card_book column is added empty
    await index.insert(row("ses_new", "2026-02-01"), "alice");
    await index.insert(row("ses_card", "2026-02-02"), "alice", '{"entries":[],"played":[]}');
    await index.close();
    // Opening again is a no-op migration.
    const again = new SqliteSessionIndex(file);
    expect(await again.ownerOf("ses_new")).toBe("alice");
    expect(await again.cardBook("ses_new")).toBeUndefined();
    expect(await again.cardBook("ses_card")).toBe('{"entries":[],"played":[]}');
    expect(await again.get("ses_card")).not.toHaveProperty("card_book"); // not part of the summary
    await again.markDeleting("ses_card");
    expect(await again.cardBook("ses_card")).toBeUndefined();
    expect(await again.ownerOf("ses_missing")).toBeUndefined();
    await again.close();
  });

  it("lists and counts by owner", async () => {
    const index = new SqliteSessionIndex(path.join(dir, "owners.sqlite"));
    await index.insert(row("ses_a1", "2026-01-01"), "alice");
    await index.insert(row("ses_a2", "2026-01-03"), "alice");
    await index.insert(row("ses_b1", "2026-01-02"), "bob");
    await index.insert(row("ses_n1", "2026-01-04"));
    expect((await index.list(10, 0, { owner: "alice" })).items.map((s) => s.id)).toEqual(["ses_a2", "ses_a1"]);
    expect(await index.list(1, 1, { owner: "alice" })).toEqual({ items: [expect.objectContaining({ id: "ses_a1" })], total: 2 });
    expect((await index.list(10, 0, { owner: null })).items.map((s) => s.id)).toEqual(["ses_n1"]);
    expect((await index.list(10, 0)).total).toBe(4);
    expect(await index.countOwnedBy("bob")).toBe(1);
    expect(await index.countOwnedBy(null)).toBe(1);
    expect((await index.list(10, 0)).items.every((s) => !("owner" in s))).toBe(true);
    await index.close();
  });
});
