import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SessionIndex } from "./sessionIndex.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "qs-index-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (id: string, at: string) => ({ id, scenario: "frontier-caravan", title: "T", created_at: at, updated_at: at, turn: 0 });

describe("session index owners", () => {
  it("adds the owner column to an index written before owners existed; its sessions stay ownerless", () => {
    const file = path.join(dir, "old.sqlite");
    const old = new Database(file);
    old.exec(`CREATE TABLE sessions (id TEXT PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, turn INTEGER NOT NULL DEFAULT 0)`);
    old.prepare("INSERT INTO sessions VALUES ('ses_old', 'frontier-caravan', 'Old', '2026-01-01', '2026-01-01', 3)").run();
    old.close();

    const index = new SessionIndex(file);
    expect(index.ownerOf("ses_old")).toBeNull();
    expect(index.get("ses_old")).toEqual({ id: "ses_old", scenario: "frontier-caravan", title: "Old", created_at: "2026-01-01", updated_at: "2026-01-01", turn: 3 });
    index.insert(row("ses_new", "2026-02-01"), "alice");
    index.close();
    // Opening again is a no-op migration.
    const again = new SessionIndex(file);
    expect(again.ownerOf("ses_new")).toBe("alice");
    expect(again.ownerOf("ses_missing")).toBeUndefined();
    again.close();
  });

  it("lists and counts by owner", () => {
    const index = new SessionIndex(path.join(dir, "owners.sqlite"));
    index.insert(row("ses_a1", "2026-01-01"), "alice");
    index.insert(row("ses_a2", "2026-01-03"), "alice");
    index.insert(row("ses_b1", "2026-01-02"), "bob");
    index.insert(row("ses_n1", "2026-01-04"));
    expect(index.list(10, 0, { owner: "alice" }).items.map((s) => s.id)).toEqual(["ses_a2", "ses_a1"]);
    expect(index.list(1, 1, { owner: "alice" })).toEqual({ items: [expect.objectContaining({ id: "ses_a1" })], total: 2 });
    expect(index.list(10, 0, { owner: null }).items.map((s) => s.id)).toEqual(["ses_n1"]);
    expect(index.list(10, 0).total).toBe(4);
    expect(index.countOwnedBy("bob")).toBe(1);
    expect(index.countOwnedBy(null)).toBe(1);
    expect(index.list(10, 0).items.every((s) => !("owner" in s))).toBe(true);
    index.close();
  });
});
