import { describe, expect, it } from "vitest";
import { yieldToEventLoop } from "./eventLoop.ts";

describe("yieldToEventLoop", () => {
  it("releases waiters oldest first", async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3].map(async (i) => {
      await yieldToEventLoop();
      order.push(i);
    }));
    expect(order).toEqual([1, 2, 3]);
  });

  it("releases one waiter per loop turn: work queued by the first runs before the last", async () => {
    const order: string[] = [];
    await Promise.all(["a", "b", "c"].map(async (name) => {
      await yieldToEventLoop();
      order.push(name);
      if (name === "a") setImmediate(() => order.push("other work"));
    }));
    // With every waiter released in one loop turn, "other work" would come after "c".
    expect(order).toEqual(["a", "b", "other work", "c"]);
  });
});
